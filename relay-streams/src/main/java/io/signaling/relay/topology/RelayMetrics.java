package io.signaling.relay.topology;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.signaling.schemas.delivery.RejectionReason;
import java.util.EnumMap;
import java.util.Map;

/**
 * The relay's own counters. Processors and the deserialization handler are created by
 * Kafka Streams, not by Spring, so the instance travels in the Streams configuration
 * under {@link #CONFIG} (no static holder: several relays may share a JVM in system
 * tests).
 */
public final class RelayMetrics {

    /**
     * Streams config entry holding the {@link RelayMetrics} instance; Streams passes it
     * to processors and handlers.
     */
    public static final String CONFIG = "signaling.relay.metrics";

    public static final String SKIPPED = "signaling.relay.records.skipped";

    public static final String ROUTED = "signaling.relay.signals.routed";

    public static final String FAILED = "signaling.relay.signals.failed";

    public static final String RECORDS_FAILED = "signaling.relay.records.failed";

    /**
     * What happened to one signal (a held signal is counted again when it is delivered or
     * rejected).
     */
    public enum Outcome {

        DELIVERED, HELD, REJECTED;

        String tag() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

    }

    /**
     * Why a signal was answered {@code recipient-unavailable} although its recipient had
     * a session.
     */
    public enum Failure {

        /** Its recipient already had the most signals held that it may have. */
        HELD_LIMIT(RejectionReason.HELD_LIMIT),
        /** Its delivery (or held copy) would be larger than the relay writes. */
        TOO_LARGE(RejectionReason.TOO_LARGE),
        /** Routing it failed; the error's class is in the log. */
        PROCESSING_ERROR(RejectionReason.PROCESSING_ERROR);

        private final RejectionReason reason;

        private final String tag;

        Failure(RejectionReason reason) {
            this.reason = reason;
            this.tag = reason.code();
        }

        /** What its sender's rejection says. */
        RejectionReason reason() {
            return reason;
        }

    }

    private final MeterRegistry registry;

    private final Map<Outcome, Counter> routed = new EnumMap<>(Outcome.class);

    private final Map<Failure, Counter> failed = new EnumMap<>(Failure.class);

    public RelayMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (Outcome outcome : Outcome.values()) {
            routed.put(outcome,
                    Counter.builder(ROUTED)
                        .description("Signals routed by the relay, by outcome")
                        .tag("outcome", outcome.tag())
                        .register(registry));
        }
        for (Failure failure : Failure.values()) {
            failed.put(failure,
                    Counter.builder(FAILED)
                        .description("Signals answered recipient-unavailable because they could not be held or relayed")
                        .tag("reason", failure.tag)
                        .register(registry));
        }
    }

    /**
     * The instance configured under {@link #CONFIG}, or one on Micrometer's global
     * registry.
     */
    public static RelayMetrics from(Map<String, ?> configs) {
        Object configured = configs == null ? null : configs.get(CONFIG);
        return configured instanceof RelayMetrics metrics ? metrics : new RelayMetrics(Metrics.globalRegistry);
    }

    public void skipped(String topic) {
        Counter.builder(SKIPPED)
            .description("Input records the relay could not read or decide, skipped")
            .tag("topic", topic == null ? "unknown" : topic)
            .register(registry)
            .increment();
    }

    public void routed(Outcome outcome) {
        routed.get(outcome).increment();
    }

    public void failed(Failure failure) {
        failed.get(failure).increment();
    }

    /**
     * A record that Kafka Streams' own handlers let go: its processing failed past the
     * relay's own answer ({@code handler=processing}), or its output could not be written
     * ({@code handler=production}).
     */
    public void recordFailed(String handler, String topic) {
        try {
            Counter.builder(RECORDS_FAILED)
                .description("Records whose processing or output failed and that the relay skipped to keep going")
                .tag("handler", handler)
                .tag("topic", topic == null ? "unknown" : topic)
                .register(registry)
                .increment();
        }
        catch (RuntimeException e) {
            // never thrown at a Streams handler: Kafka Streams would then log the record,
            // content and all
        }
    }

}

package io.signaling.session.connect;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/**
 * {@code signaling.session.connect{outcome}}: what /connect answered; and
 * {@code signaling.session.connect.decision}: from sending the command to reading the
 * relay's decision, the part of call setup this service adds.
 */
@Component
class ConnectMetrics {

    enum Outcome {

        CREATED("created"), TAKEN("taken"), INVALID("invalid"), NO_GATEWAY("no-gateway"), TIMEOUT("timeout"),
        RATE_LIMITED("rate-limited"), OVERLOADED("overloaded");

        private final String tag;

        Outcome(String tag) {
            this.tag = tag;
        }

    }

    private final Map<Outcome, Counter> outcomes = new EnumMap<>(Outcome.class);

    private final Timer decision;

    ConnectMetrics(MeterRegistry registry) {
        for (Outcome outcome : Outcome.values()) {
            // registered up front so every outcome is exported, at 0 until it happens
            outcomes.put(outcome,
                    Counter.builder("signaling.session.connect")
                        .description("POST /connect answers by outcome")
                        .tag("outcome", outcome.tag)
                        .register(registry));
        }
        decision = Timer.builder("signaling.session.connect.decision")
            .description("From sending CreateSession to reading the relay's decision")
            .publishPercentileHistogram()
            .register(registry);
    }

    void count(Outcome outcome) {
        outcomes.get(outcome).increment();
    }

    void decided(long nanos) {
        decision.record(nanos, TimeUnit.NANOSECONDS);
    }

}

package io.signaling.relay.topology;

import java.time.Duration;
import java.util.Objects;

/**
 * What the topology needs to decide, apart from topic layout: kept out of Spring so that
 * {@link SignalingTopology#build} stays a pure function that tests call directly.
 *
 * @param unackedSessionTtl how long a created session may wait for its connection before
 * it expires (contract: 30 s)
 * @param expiryScanInterval how often (wall-clock) the sessions store is scanned for
 * expired sessions and sessions of lost gateways
 * @param gatewayTimeout a gateway whose last heartbeat is older than this is dead: its
 * sessions end {@code gateway-lost} (docs/architecture.md, "Gateway liveness")
 * @param held bounds on the signals held for one recipient, and how they are worked off
 * @param maxRecordBytes the largest delivery or held signal the relay writes; a signal
 * that would need a larger one is answered {@code recipient-unavailable}. Below the
 * producer's {@code max.request.size} and the topics' {@code max.message.bytes} (both
 * about 1 MiB by default), so a write never fails for size after the signal was decided
 */
public record RelaySettings(Duration unackedSessionTtl, Duration expiryScanInterval, Duration gatewayTimeout, Held held,
        int maxRecordBytes) {

    public static final Duration DEFAULT_UNACKED_SESSION_TTL = Duration.ofSeconds(30);

    public static final Duration DEFAULT_EXPIRY_SCAN_INTERVAL = Duration.ofSeconds(1);

    public static final Duration DEFAULT_GATEWAY_TIMEOUT = Duration.ofSeconds(10);

    public static final int DEFAULT_MAX_RECORD_BYTES = 1_000_000;

    /**
     * Signals held for one recipient (contract §2: by default 1,000 signals or 4 MiB;
     * past that the signal is answered {@code recipient-unavailable}), released on
     * connect or answered on expiry at most {@code batchSize} at a time, one batch per
     * {@code batchInterval} (wall clock), so that one recipient with a full backlog, or a
     * sweep ending many sessions, never holds its task for long.
     */
    public record Held(int maxSignals, long maxBytes, int batchSize, Duration batchInterval) {

        public static final Held DEFAULTS = new Held(1_000, 4L * 1024 * 1024, 200, Duration.ofMillis(10));

        public Held {
            Objects.requireNonNull(batchInterval, "batchInterval");
            if (maxSignals < 1 || maxBytes < 1 || batchSize < 1) {
                throw new IllegalArgumentException("held signal bounds and batch size must be positive");
            }
            if (batchInterval.toMillis() < 1) {
                throw new IllegalArgumentException("batchInterval must be at least 1 ms");
            }
        }
    }

    public RelaySettings {
        Objects.requireNonNull(unackedSessionTtl, "unackedSessionTtl");
        Objects.requireNonNull(expiryScanInterval, "expiryScanInterval");
        Objects.requireNonNull(gatewayTimeout, "gatewayTimeout");
        Objects.requireNonNull(held, "held");
        if (unackedSessionTtl.isNegative() || unackedSessionTtl.isZero()) {
            throw new IllegalArgumentException("unackedSessionTtl must be positive");
        }
        // Streams refuses punctuation intervals under 1 ms.
        if (expiryScanInterval.toMillis() < 1) {
            throw new IllegalArgumentException("expiryScanInterval must be at least 1 ms");
        }
        if (gatewayTimeout.isNegative() || gatewayTimeout.isZero()) {
            throw new IllegalArgumentException("gatewayTimeout must be positive");
        }
        if (maxRecordBytes < 1) {
            throw new IllegalArgumentException("maxRecordBytes must be positive");
        }
    }

    /** These timings with the default bounds on held signals and record size. */
    public RelaySettings(Duration unackedSessionTtl, Duration expiryScanInterval, Duration gatewayTimeout) {
        this(unackedSessionTtl, expiryScanInterval, gatewayTimeout, Held.DEFAULTS, DEFAULT_MAX_RECORD_BYTES);
    }

    public static RelaySettings defaults() {
        return new RelaySettings(DEFAULT_UNACKED_SESSION_TTL, DEFAULT_EXPIRY_SCAN_INTERVAL, DEFAULT_GATEWAY_TIMEOUT);
    }
}

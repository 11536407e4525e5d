package io.signaling.relay.topology;

import java.time.Duration;
import java.util.Objects;

/**
 * What the topology needs to decide, apart from topic layout: kept out of Spring so that
 * {@link SignalingTopology#build} stays a pure function that tests call directly.
 *
 * @param unackedSessionTtl  how long a created session may wait for its connection before it expires (contract: 30 s)
 * @param expiryScanInterval how often (wall-clock) the sessions store is scanned for expired sessions and
 *                           sessions of lost gateways
 * @param gatewayTimeout     a gateway whose last heartbeat is older than this is dead: its sessions end
 *                           {@code gateway-lost} (docs/architecture.md, "Gateway liveness")
 */
public record RelaySettings(Duration unackedSessionTtl, Duration expiryScanInterval, Duration gatewayTimeout) {

    public static final Duration DEFAULT_UNACKED_SESSION_TTL = Duration.ofSeconds(30);
    public static final Duration DEFAULT_EXPIRY_SCAN_INTERVAL = Duration.ofSeconds(1);
    public static final Duration DEFAULT_GATEWAY_TIMEOUT = Duration.ofSeconds(10);

    public RelaySettings {
        Objects.requireNonNull(unackedSessionTtl, "unackedSessionTtl");
        Objects.requireNonNull(expiryScanInterval, "expiryScanInterval");
        Objects.requireNonNull(gatewayTimeout, "gatewayTimeout");
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
    }

    public static RelaySettings defaults() {
        return new RelaySettings(DEFAULT_UNACKED_SESSION_TTL, DEFAULT_EXPIRY_SCAN_INTERVAL, DEFAULT_GATEWAY_TIMEOUT);
    }
}

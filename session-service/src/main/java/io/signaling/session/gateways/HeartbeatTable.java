package io.signaling.session.gateways;

import io.signaling.schemas.gateway.GatewayHeartbeat;
import io.signaling.session.system.SessionProperties;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * The last heartbeat of every gateway, from the compacted gateways topic (a tombstone
 * removes it). Liveness is judged when asked, against the injected clock, so a gateway
 * that stops beating drops out without any record telling us.
 */
@Component
public class HeartbeatTable implements GatewayRegistry {

    private final Map<String, GatewayHeartbeat> heartbeats = new ConcurrentHashMap<>();

    private final Clock clock;

    private final Duration timeout;

    public HeartbeatTable(Clock clock, SessionProperties properties) {
        this.clock = clock;
        this.timeout = properties.gatewayTimeout();
    }

    /**
     * Applies one record of the gateways topic; {@code heartbeat} null is a tombstone.
     */
    public void apply(String gatewayId, GatewayHeartbeat heartbeat) {
        if (heartbeat == null) {
            heartbeats.remove(gatewayId);
        }
        else {
            heartbeats.put(gatewayId, heartbeat);
        }
    }

    /**
     * The view consumer reads the gateways topic again from the beginning: tombstones may
     * be gone by now.
     */
    public void clear() {
        heartbeats.clear();
    }

    @Override
    public List<GatewayHeartbeat> live() {
        Instant oldest = clock.instant().minus(timeout);
        return heartbeats.values()
            .stream()
            .filter(heartbeat -> heartbeat.at() != null && !heartbeat.at().isBefore(oldest))
            .sorted(Comparator.comparing(GatewayHeartbeat::gatewayId))
            .toList();
    }

}

package io.signaling.session.connect;

import io.signaling.schemas.gateway.GatewayHeartbeat;
import io.signaling.session.gateways.GatewayRegistry;
import io.signaling.session.view.SessionView;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Chooses the gateway for a new session: among the live ones that have room, those not
 * shedding load first, then the least loaded, ties by gatewayId. Load is the sessions
 * bound to it in the view plus this instance's creates in flight, so a burst of /connect
 * spreads before its rows arrive; picking and reserving happen under one lock for the
 * same reason. A gateway has room while that load, and the connections its heartbeat
 * counts, are under the {@code maxConnections} it announces: the view counts sessions not
 * connected yet, which the gateway's own count cannot, so a burst of /connect never binds
 * more sessions to a gateway than it takes.
 */
@Component
class GatewayPicker {

    private final GatewayRegistry registry;

    private final SessionView view;

    private final Map<String, Integer> inFlight = new HashMap<>(); // guarded by this

    GatewayPicker(GatewayRegistry registry, SessionView view) {
        this.registry = registry;
        this.view = view;
    }

    /**
     * A reservation on the chosen gateway, to close once the create is decided; empty
     * when none is live with room.
     */
    synchronized Optional<Reservation> reserve() {
        GatewayHeartbeat best = null;
        int bestLoad = Integer.MAX_VALUE;
        for (GatewayHeartbeat gateway : registry.live()) {
            if (gateway.deliveryPartitions().isEmpty() || gateway.listeningAddress() == null) {
                continue; // nowhere to deliver or to connect: not usable
            }
            int load = view.sessionsOn(gateway.gatewayId()) + inFlight.getOrDefault(gateway.gatewayId(), 0);
            if (full(gateway, load)) {
                continue;
            }
            if (best == null || better(gateway, load, best, bestLoad)) {
                best = gateway;
                bestLoad = load;
            }
        }
        if (best == null) {
            return Optional.empty();
        }
        inFlight.merge(best.gatewayId(), 1, Integer::sum);
        return Optional.of(new Reservation(best));
    }

    /**
     * True when {@code gateway} announces a limit and is at it, by its own count or by
     * {@code boundSessions}.
     */
    static boolean full(GatewayHeartbeat gateway, int boundSessions) {
        return gateway.maxConnections() > 0
                && Math.max(gateway.connections(), boundSessions) >= gateway.maxConnections();
    }

    private static boolean better(GatewayHeartbeat gateway, int load, GatewayHeartbeat best, int bestLoad) {
        if (gateway.overloaded() != best.overloaded()) {
            return !gateway.overloaded();
        }
        return load < bestLoad || (load == bestLoad && gateway.gatewayId().compareTo(best.gatewayId()) < 0);
    }

    /**
     * The deliveries partition for this user on that gateway: its only one, or one chosen
     * by userId.
     */
    static int deliveryPartition(GatewayHeartbeat gateway, String userId) {
        List<Integer> partitions = gateway.deliveryPartitions();
        return partitions.get(Math.floorMod(userId.hashCode(), partitions.size()));
    }

    private synchronized void release(String gatewayId) {
        inFlight.computeIfPresent(gatewayId, (id, count) -> count == 1 ? null : count - 1);
    }

    final class Reservation implements AutoCloseable {

        private final GatewayHeartbeat gateway;

        private boolean closed;

        private Reservation(GatewayHeartbeat gateway) {
            this.gateway = gateway;
        }

        GatewayHeartbeat gateway() {
            return gateway;
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                release(gateway.gatewayId());
            }
        }

    }

}

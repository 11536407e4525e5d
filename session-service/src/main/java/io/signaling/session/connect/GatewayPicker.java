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
 * Chooses the gateway for a new session: the least loaded live one, ties by gatewayId. Load is the
 * sessions bound to it in the view plus this instance's creates in flight, so a burst of /connect
 * spreads before its rows arrive. Picking and reserving happen under one lock for the same reason.
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

    /** A reservation on the chosen gateway, to close once the create is decided; empty when none is live. */
    synchronized Optional<Reservation> reserve() {
        GatewayHeartbeat best = null;
        int bestLoad = Integer.MAX_VALUE;
        for (GatewayHeartbeat gateway : registry.live()) {
            if (gateway.deliveryPartitions().isEmpty() || gateway.listeningAddress() == null) {
                continue; // nowhere to deliver or to connect: not usable
            }
            int load = view.sessionsOn(gateway.gatewayId()) + inFlight.getOrDefault(gateway.gatewayId(), 0);
            if (best == null || load < bestLoad
                    || (load == bestLoad && gateway.gatewayId().compareTo(best.gatewayId()) < 0)) {
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

    /** The deliveries partition for this user on that gateway: its only one, or one chosen by userId. */
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

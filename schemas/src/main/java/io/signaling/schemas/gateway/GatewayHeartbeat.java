package io.signaling.schemas.gateway;

import java.time.Instant;
import java.util.List;

/**
 * A gateway's liveness beacon, keyed by gatewayId on the compacted gateways topic; a tombstone
 * when it deregisters. Session-service binds new sessions only to gateways heard from recently.
 */
public record GatewayHeartbeat(
        String gatewayId,
        String listeningAddress,
        List<Integer> deliveryPartitions,
        int connections,
        Instant at) {

    public GatewayHeartbeat {
        deliveryPartitions = List.copyOf(deliveryPartitions);
    }
}

package io.signaling.schemas.gateway;

import java.time.Instant;
import java.util.List;

/**
 * A gateway's liveness beacon, keyed by gatewayId on the compacted gateways topic; a tombstone
 * when it deregisters. Session-service binds new sessions only to gateways heard from recently;
 * the relay ends the sessions of a gateway gone silent, and, through {@code startedAt}, those of
 * an earlier process of a gateway that came back under the same id (their connections died with it).
 *
 * @param at        when the beat was sent (the gateway's clock)
 * @param startedAt when this gateway process started (the gateway's clock), the same in every beat
 *                  of one process: a later value means a restart
 */
public record GatewayHeartbeat(
        String gatewayId,
        String listeningAddress,
        List<Integer> deliveryPartitions,
        int connections,
        Instant at,
        Instant startedAt) {

    public GatewayHeartbeat {
        deliveryPartitions = List.copyOf(deliveryPartitions);
    }
}

package io.signaling.schemas.gateway;

import java.time.Instant;
import java.util.List;

/**
 * A gateway's liveness beacon, keyed by gatewayId on the compacted gateways topic; a
 * tombstone when it deregisters. Session-service binds new sessions only to gateways
 * heard from recently that have room and are not shedding load; the relay ends the
 * sessions of a gateway gone silent, and, through {@code startedAt}, those of an earlier
 * process of a gateway that came back under the same id (their connections died with it).
 *
 * @param connections open client connections at the time of the beat
 * @param maxConnections the most connections this gateway takes
 * ({@code signaling.gateway.max-connections}); a handshake past it is refused. 0 in a
 * beat of a gateway older than this field: no limit known
 * @param overloaded the gateway refused a client message {@code overloaded} since its
 * previous beat, or is shedding load now (docs/architecture.md, "Admission control");
 * false in older beats
 * @param at when the beat was sent (the gateway's clock)
 * @param startedAt when this gateway process started (the gateway's clock), the same in
 * every beat of one process: a later value means a restart
 */
public record GatewayHeartbeat(String gatewayId, String listeningAddress, List<Integer> deliveryPartitions,
        int connections, Integer maxConnections, Boolean overloaded, Instant at, Instant startedAt) {

    /**
     * Boxed only so that a beat written before these fields reads as 0 and false (Jackson
     * refuses a missing primitive).
     */
    public GatewayHeartbeat {
        deliveryPartitions = List.copyOf(deliveryPartitions);
        maxConnections = maxConnections == null ? 0 : maxConnections;
        overloaded = overloaded != null && overloaded;
    }
}

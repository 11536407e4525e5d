package io.signaling.session.gateways;

import io.signaling.schemas.gateway.GatewayHeartbeat;
import java.util.List;

/** The gateways this instance may bind new sessions to. */
public interface GatewayRegistry {

    /**
     * Gateways whose last heartbeat is recent enough by the injected clock, ordered by
     * gatewayId.
     */
    List<GatewayHeartbeat> live();

}

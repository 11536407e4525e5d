package io.signaling.gateway.system;

import io.signaling.gateway.config.GatewayIdentity;
import io.signaling.gateway.connection.ConnectionHub;
import io.signaling.gateway.delivery.DeliverySource;
import io.signaling.gateway.sessions.SessionsView;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * UP once handshakes can be decided (the sessions view caught up) and deliveries are
 * being read.
 */
@Component("gateway")
class GatewayHealthIndicator implements HealthIndicator {

    private final SessionsView view;

    private final DeliverySource deliveries;

    private final ConnectionHub hub;

    private final GatewayIdentity identity;

    GatewayHealthIndicator(SessionsView view, DeliverySource deliveries, ConnectionHub hub, GatewayIdentity identity) {
        this.view = view;
        this.deliveries = deliveries;
        this.hub = hub;
        this.identity = identity;
    }

    @Override
    public Health health() {
        Health.Builder health = view.caughtUp() && deliveries.assigned() && hub.accepting() ? Health.up()
                : Health.down();
        return health.withDetail("gatewayId", identity.id())
            .withDetail("deliveryPartitions", identity.deliveryPartitions())
            .withDetail("sessionsViewCaughtUp", view.caughtUp())
            .withDetail("deliveriesAssigned", deliveries.assigned())
            .withDetail("connections", hub.size())
            .build();
    }

}

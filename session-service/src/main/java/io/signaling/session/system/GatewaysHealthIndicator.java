package io.signaling.session.system;

import io.signaling.schemas.gateway.GatewayHeartbeat;
import io.signaling.session.gateways.GatewayRegistry;
import java.util.List;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * {@code gateways}: UP while at least one gateway is live, since /connect needs one to
 * bind to.
 */
@Component
class GatewaysHealthIndicator implements HealthIndicator {

    private final GatewayRegistry registry;

    GatewaysHealthIndicator(GatewayRegistry registry) {
        this.registry = registry;
    }

    @Override
    public Health health() {
        List<GatewayHeartbeat> live = registry.live();
        Health.Builder health = live.isEmpty() ? Health.down() : Health.up();
        return health.withDetail("live", live.size())
            .withDetail("gateways", live.stream().map(GatewayHeartbeat::gatewayId).toList())
            .build();
    }

}

package io.signaling.session.gateways;

import static org.assertj.core.api.Assertions.assertThat;

import io.signaling.schemas.gateway.GatewayHeartbeat;
import io.signaling.session.system.SessionProperties;
import io.signaling.session.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class HeartbeatTableTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));

    private final HeartbeatTable table = new HeartbeatTable(clock,
            new SessionProperties(Duration.ofSeconds(10), Duration.ofSeconds(5)));

    @Test
    void aGatewayIsLiveUntilItsHeartbeatIsOlderThanTheTimeout() {
        table.apply("gw-1", beat("gw-1", clock.instant()));

        clock.advance(Duration.ofSeconds(10));
        assertThat(table.live()).extracting(GatewayHeartbeat::gatewayId).containsExactly("gw-1");

        clock.advance(Duration.ofMillis(1));
        assertThat(table.live()).isEmpty();

        table.apply("gw-1", beat("gw-1", clock.instant()));
        assertThat(table.live()).hasSize(1);
    }

    @Test
    void aTombstoneRemovesTheGateway() {
        table.apply("gw-1", beat("gw-1", clock.instant()));
        table.apply("gw-2", beat("gw-2", clock.instant()));

        table.apply("gw-1", null);

        assertThat(table.live()).extracting(GatewayHeartbeat::gatewayId).containsExactly("gw-2");
    }

    @Test
    void liveGatewaysAreOrderedById() {
        table.apply("gw-b", beat("gw-b", clock.instant()));
        table.apply("gw-a", beat("gw-a", clock.instant()));

        assertThat(table.live()).extracting(GatewayHeartbeat::gatewayId).containsExactly("gw-a", "gw-b");
    }

    private static GatewayHeartbeat beat(String id, Instant at) {
        return new GatewayHeartbeat(id, "http://127.0.0.1:8081/ws", List.of(0), 0, 0, false, at, at);
    }

}

package io.signaling.session.connect;

import static org.assertj.core.api.Assertions.assertThat;

import io.signaling.schemas.gateway.GatewayHeartbeat;
import io.signaling.session.connect.GatewayPicker.Reservation;
import io.signaling.session.testing.FakeGateways;
import io.signaling.session.testing.FakeRelay;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Contract §1: no session is bound to a full gateway; gateways shedding load get new
 * sessions last.
 */
class GatewayPickerCapacityTest {

    private final FakeGateways gateways = new FakeGateways();

    private final FakeRelay view = new FakeRelay();

    private final GatewayPicker picker = new GatewayPicker(gateways, view);

    @Test
    void aGatewayAtItsLimitGetsNoSessionAndAllFullMeansNone() {
        gateways.set(heartbeat("gw-a", 3, 3, false), heartbeat("gw-b", 5, 10, false));

        assertThat(picker.reserve()).get().extracting(r -> r.gateway().gatewayId()).isEqualTo("gw-b");

        gateways.set(heartbeat("gw-a", 3, 3, false), heartbeat("gw-b", 10, 10, false));
        assertThat(picker.reserve()).isEmpty();
    }

    @Test
    void sessionsNotConnectedYetAndCreatesInFlightCountAgainstTheLimit() {
        gateways.set(heartbeat("gw-a", 0, 3, false));
        view.add("u1", "gw-a", "h", false); // bound, not connected yet: the gateway's own
                                            // count does not show it
        view.add("u2", "gw-a", "h", false);

        Reservation third = picker.reserve().orElseThrow();
        assertThat(picker.reserve()).as("two bound and one being created make three").isEmpty();

        third.close();
        assertThat(picker.reserve()).isPresent();
    }

    @Test
    void aGatewaySheddingLoadIsChosenOnlyWhenNoOtherHasRoom() {
        gateways.set(heartbeat("gw-a", 0, 0, true), heartbeat("gw-b", 50, 0, false));
        assertThat(picker.reserve()).get().extracting(r -> r.gateway().gatewayId()).isEqualTo("gw-b");

        gateways.set(heartbeat("gw-a", 0, 0, true), heartbeat("gw-b", 50, 50, false));
        assertThat(picker.reserve()).get().extracting(r -> r.gateway().gatewayId()).isEqualTo("gw-a");
    }

    private static GatewayHeartbeat heartbeat(String id, int connections, int max, boolean overloaded) {
        return new GatewayHeartbeat(id, "http://127.0.0.1:1/ws", List.of(0), connections, max, overloaded,
                Instant.now(), Instant.now());
    }

}

package io.signaling.session.connect;

import static io.signaling.session.testing.FakeGateways.gateway;
import static org.assertj.core.api.Assertions.assertThat;

import io.signaling.schemas.gateway.GatewayHeartbeat;
import io.signaling.session.connect.GatewayPicker.Reservation;
import io.signaling.session.testing.FakeGateways;
import io.signaling.session.testing.FakeRelay;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GatewayPickerTest {

    private final FakeGateways gateways = new FakeGateways();

    private final FakeRelay view = new FakeRelay();

    private final GatewayPicker picker = new GatewayPicker(gateways, view);

    @Test
    void noLiveGatewayMeansNoReservation() {
        assertThat(picker.reserve()).isEmpty();
    }

    @Test
    void tiesGoToTheSmallestGatewayId() {
        gateways.set(gateway("gw-b", 2, 1), gateway("gw-a", 1, 0));

        assertThat(picker.reserve()).get().extracting(r -> r.gateway().gatewayId()).isEqualTo("gw-a");
    }

    @Test
    void sessionsInTheViewAndCreatesInFlightBothCount() {
        gateways.set(gateway("gw-a", 1, 0), gateway("gw-b", 2, 1), gateway("gw-c", 3, 2));
        view.add("u1", "gw-a", "h", true);

        Reservation first = picker.reserve().orElseThrow(); // a:1, b:0, c:0 -> b
        Reservation second = picker.reserve().orElseThrow(); // a:1, b:1, c:0 -> c
        Reservation third = picker.reserve().orElseThrow(); // all 1 -> a

        assertThat(first.gateway().gatewayId()).isEqualTo("gw-b");
        assertThat(second.gateway().gatewayId()).isEqualTo("gw-c");
        assertThat(third.gateway().gatewayId()).isEqualTo("gw-a");

        second.close();
        second.close(); // closing twice releases once
        assertThat(picker.reserve().orElseThrow().gateway().gatewayId()).isEqualTo("gw-c");
    }

    @Test
    void gatewaysWithoutDeliveryPartitionsAreSkipped() {
        gateways.set(gateway("gw-a", 1), gateway("gw-b", 2, 4));

        assertThat(picker.reserve()).get().extracting(r -> r.gateway().gatewayId()).isEqualTo("gw-b");
    }

    @Test
    void aGatewayWithSeveralPartitionsSpreadsUsersOverThemStably() {
        GatewayHeartbeat gateway = gateway("gw-a", 1, 4, 5, 6);
        Set<Integer> used = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            int partition = GatewayPicker.deliveryPartition(gateway, "user-" + i);
            assertThat(partition).isIn(4, 5, 6).isEqualTo(GatewayPicker.deliveryPartition(gateway, "user-" + i));
            used.add(partition);
        }
        assertThat(used).containsExactlyInAnyOrder(4, 5, 6);
        assertThat(GatewayPicker.deliveryPartition(gateway("gw-b", 1, 7), "anyone")).isEqualTo(7);
    }

}

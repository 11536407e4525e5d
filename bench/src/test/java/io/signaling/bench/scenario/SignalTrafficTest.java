package io.signaling.bench.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import io.signaling.bench.client.VirtualUser;
import io.signaling.bench.signal.GatewayMessage;
import io.signaling.bench.signal.StreamTracker;
import io.signaling.bench.stats.MeasureWindow;
import io.signaling.bench.stats.WallClock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A refused signal is told to the scenario: a closed loop replaces it, a call fails (both
 * used to wait for a delivery that never comes, and a closed-loop run stalled after
 * {@code --window} refusals per stream).
 */
class SignalTrafficTest {

    private final SignalTraffic traffic = new SignalTraffic(new MeasureWindow(), WallClock.system());

    private final VirtualUser alice = new VirtualUser("alice");

    private final List<VirtualUser> refused = new ArrayList<>();

    @Test
    void aSignalAnsweredWithAnErrorIsToldToTheScenarioAndCountedByCode() {
        StreamTracker toBob = new StreamTracker("alice", "bob");
        alice.streams(toBob, new StreamTracker("bob", "alice"));
        traffic.add(toBob);
        traffic.refusals(refused::add);

        traffic.onMessage(alice, GatewayMessage
            .parse("{\"type\":\"error\",\"id\":\"r1.7\",\"code\":\"overloaded\",\"message\":\"later\"}"));
        traffic.onMessage(alice, GatewayMessage.parse("{\"type\":\"ack\",\"id\":\"r1.8\"}"));

        assertThat(refused).containsExactly(alice);
        assertThat(traffic.summary(2, 0).errors()).containsEntry("overloaded", 1L);
    }

}

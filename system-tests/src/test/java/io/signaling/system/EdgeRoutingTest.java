package io.signaling.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.signaling.system.SessionApi.Session;
import io.signaling.system.SignalingClient.Via;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Edge routing (docs/architecture.md): a pair's signals move from the relay to the direct
 * path without one overtaking another. The relay releases held signals slowly here (10
 * every 100 ms), so the sender keeps sending while signals of the pair are still in the
 * relay: a direct write any earlier than the relay's answers would land before them.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class EdgeRoutingTest {

    private static final String RUN = UUID.randomUUID().toString().substring(0, 6);

    private static final String ROUTED = "signaling.gateway.signals.routed";

    @AutoClose
    private static EmbeddedPlatform embedded;

    private static Platform platform;

    @BeforeAll
    static void start() {
        embedded = EmbeddedPlatform.start(1, 1, 2,
                Map.of("signaling.relay.held.batch-size", 10, "signaling.relay.held.batch-interval", "100ms"));
        platform = embedded.platform();
    }

    @Test
    void signalsKeepTheirOrderWhileAPairMovesFromTheRelayToTheDirectPath() {
        SessionApi api = new SessionApi(platform.sessionUrl());
        SignalingClient alice = SignalingClient.open(api.connect("alice-" + RUN), Via.WEBSOCKET);
        Session late = api.connect("bob-" + RUN);
        double directBefore = direct();
        for (int i = 0; i < 300; i++) { // held: bob has not connected
            alice.send(late.userId(), Map.of("seq", i), "o" + i);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> alice.framesOfType("ack").size() == 300);

        try (SignalingClient bob = SignalingClient.open(late, Via.WEBSOCKET)) {
            await().atMost(Duration.ofSeconds(5)).until(() -> api.get(late.userId()).body().path("acked").asBoolean());
            // acked, while the relay releases the 300 over three seconds
            for (int i = 300; i < 900; i++) {
                alice.send(late.userId(), Map.of("seq", i), "o" + i);
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> bob.framesOfType("signal").size() >= 900);
            // and after a pause, as a call's later candidates come
            for (int i = 900; i < 950; i++) {
                alice.send(late.userId(), Map.of("seq", i), "o" + i);
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> bob.framesOfType("signal").size() >= 950);

            assertThat(bob.framesOfType("signal")).extracting(f -> f.path("content").path("seq").asInt())
                .containsExactlyElementsOf(IntStream.range(0, 950).boxed().toList());
        }
        assertThat(alice.framesOfType("error")).isEmpty();
        assertThat(alice.framesOfType("ack")).hasSize(950);
        assertThat(direct() - directBefore).as("signals written straight to the recipient's gateway")
            .isGreaterThanOrEqualTo(50);
        alice.close();
    }

    private static double direct() {
        return platform.gatewayCounter(0, ROUTED, "path", "direct")
                + platform.gatewayCounter(1, ROUTED, "path", "direct");
    }

}

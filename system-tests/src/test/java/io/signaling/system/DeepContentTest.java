package io.signaling.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.signaling.system.SignalingClient.Via;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Attack (issue 11): content nested 490 to 1,000 levels deep, sent to a recipient whose
 * session is held (created, not connected) and to a connected one. Such content used to
 * pass the gateway and then fail to serialize inside the relay, which crashed and re-read
 * it forever. The gateway now answers {@code invalid-message} (with the id) past its
 * depth limit, so nothing of it reaches the log, and everyone on that relay partition
 * goes on as before.
 */
@ExtendWith(AttackPlatform.Resolver.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class DeepContentTest {

    private static final int[] DEPTHS = { 490, 495, 498, 499, 500, 501, 510, 600, 1_000 };

    @Test
    void deeplyNestedContentIsRefusedAndStopsNobody(Platform platform) {
        SessionApi api = new SessionApi(platform.sessionUrl());
        String heldId = ContractTests.newUser("held");
        api.connect(heldId); // created, never connected: signals to it are held by the
                             // relay
        String connectedId = Bystanders.userOn(platform, Bystanders.partitionOf(platform, heldId), "connected");
        String attackerId = ContractTests.newUser("nester");
        try (SignalingClient connected = SignalingClient.open(api.connect(connectedId), Via.RAW_WEBSOCKET);
                SignalingClient attacker = SignalingClient.open(api.connect(attackerId), Via.RAW_WEBSOCKET);
                Bystanders bystanders = Bystanders.nextTo(platform, heldId)) {
            int sent = 0;
            for (int depth : DEPTHS) {
                for (String to : new String[] { heldId, connectedId }) {
                    // the frame is level 1, so the content itself is one level less deep
                    // than the message
                    attacker.sendRaw("{\"to\":\"" + to + "\",\"id\":\"deep-" + depth + "-" + to + "\",\"content\":"
                            + "[".repeat(depth - 1) + "]".repeat(depth - 1) + "}");
                    sent++;
                }
            }
            int expected = sent;
            await().atMost(Duration.ofSeconds(10))
                .until(() -> attacker.count("error") + attacker.count("ack") == expected);
            assertThat(attacker.framesOfType("ack")).isEmpty();
            assertThat(attacker.framesOfType("error")).allSatisfy(error -> {
                assertThat(error.path("code").asString()).isEqualTo("invalid-message");
                assertThat(error.path("id").asString()).startsWith("deep-");
            });

            // The relay still decides and routes on that partition: bystanders, the
            // connected recipient, a new session.
            bystanders.assertRoundTripWithinLimit();
            attacker.send(connectedId, "still here", "after");
            connected.awaitFrame(SignalingClient.ofType("signal", "after"));
            assertThat(connected.framesOfType("signal")).hasSize(1);
            assertThat(
                    api.connectForm(Bystanders.userOn(platform, Bystanders.partitionOf(platform, heldId), "newcomer"))
                        .status())
                .isEqualTo(201);
            Bystanders.assertServicesUp(platform);
        }
    }

}

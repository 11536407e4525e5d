package io.signaling.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.signaling.system.SessionApi.Session;
import io.signaling.system.SignalingClient.Via;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 11, unbounded held signals: 1,200 signals to a user whose session is not acked
 * yet. The relay holds the first 1,000 (the default bound) and answers every one after
 * that {@code recipient-unavailable}; when the user connects, the 1,000 are delivered in
 * order, a batch at a time, while a bystander pair on the same relay partition
 * round-trips within 1 s. Two senders, each within its own burst: the first one's 1,000
 * are in the log (acked) before the second sends, so the relay decides them first and the
 * second one's 200 are exactly those past the bound.
 */
@ExtendWith(AttackPlatform.Resolver.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class HeldBacklogAttackTest {

    private static final int BOUND = 1_000;

    private static final int BEYOND = 200;

    @Test
    void aFullBacklogIsBoundedAndReleasedWithoutStallingItsPartition(Platform platform) {
        SessionApi api = new SessionApi(platform.sessionUrl());
        int partition = 2;
        Bystanders.awaitWarm(platform, partition);
        Session victim = api.connect(Bystanders.userOn(platform, partition, "victim"));

        try (SignalingClient flooder = SignalingClient.open(api.connect(Bystanders.userOn(platform, 0, "flooder")),
                Via.RAW_WEBSOCKET);
                SignalingClient second = SignalingClient.open(api.connect(Bystanders.userOn(platform, 0, "second")),
                        Via.RAW_WEBSOCKET)) {
            send(flooder, victim.userId(), 1, BOUND);
            await().atMost(Duration.ofSeconds(30)).until(() -> flooder.count("ack") + flooder.count("error") >= BOUND);
            assertThat(flooder.framesOfType("error")).as("the flooder's burst, all in the log").isEmpty();
            send(second, victim.userId(), BOUND + 1, BEYOND);
            await().atMost(Duration.ofSeconds(30)).until(() -> unavailable(second).size() >= BEYOND);

            assertThat(second.count("ack")).as("acked: in the log").isEqualTo(BEYOND);
            AckOrder.assertEachAnswerFollowsItsAck(second);
            assertThat(unavailable(second)).as("each one past the bound answered")
                .containsExactlyElementsOf(
                        IntStream.rangeClosed(BOUND + 1, BOUND + BEYOND).mapToObj(n -> "flood-" + n).toList());
            assertThat(flooder.framesOfType("error")).as("nothing held was answered").isEmpty();

            try (SignalingClient victimClient = SignalingClient.open(victim, Via.RAW_WEBSOCKET)) {
                Duration roundTrip = Bystanders.roundTripOn(platform, partition);
                await().atMost(Duration.ofSeconds(20)).until(() -> victimClient.count("signal") >= BOUND);
                List<Integer> received = victimClient.framesOfType("signal")
                    .stream()
                    .map(s -> s.path("content").path("n").asInt())
                    .toList();
                assertThat(received).containsExactlyElementsOf(IntStream.rangeClosed(1, BOUND).boxed().toList());
                UnderLoad.holdNegative(() -> victimClient.count("signal") == BOUND && flooder.count("error") == 0);
                Bystanders.assertServicesUp(platform);
                System.out.printf(
                        "held backlog attack: %d held and released in order, %d past the bound answered "
                                + "recipient-unavailable; bystander round trip %d ms%n",
                        received.size(), BEYOND, roundTrip.toMillis());
            }
        }
    }

    private static void send(SignalingClient client, String to, int first, int count) {
        for (int n = first; n < first + count; n++) {
            client.send(to, Map.of("n", n), "flood-" + n);
        }
    }

    private static List<String> unavailable(SignalingClient client) {
        return client.framesOfType("error")
            .stream()
            .filter(e -> "recipient-unavailable".equals(e.path("code").asString()))
            .map(e -> e.path("id").asString())
            .toList();
    }

}

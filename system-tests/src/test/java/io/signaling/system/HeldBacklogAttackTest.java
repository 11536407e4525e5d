package io.signaling.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.signaling.system.SessionApi.Session;
import io.signaling.system.SignalingClient.Via;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;

/**
 * Issue 11, unbounded held signals: one client sends 1,200 signals to a user whose session is not
 * acked yet. The relay holds the first 1,000 (the default bound) and answers every one after that
 * {@code recipient-unavailable}; when the user connects, the 1,000 are delivered in order, a batch at
 * a time, while a bystander pair on the same relay partition round-trips within 1 s.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class HeldBacklogAttackTest {

    private static final int BOUND = 1_000;

    @AutoClose
    private static EmbeddedPlatform embedded;
    private static Platform platform;

    @BeforeAll
    static void start() {
        embedded = EmbeddedPlatform.start(1, 1, 1, Map.of());
        platform = embedded.platform();
    }

    @Test
    void aFullBacklogIsBoundedAndReleasedWithoutStallingItsPartition() {
        SessionApi api = new SessionApi(platform.sessionUrl());
        int partition = 2;
        Bystanders.awaitWarm(platform, partition);
        Session victim = api.connect(Bystanders.userOn(platform, partition, "victim"));
        Session attacker = api.connect(Bystanders.userOn(platform, 0, "flooder"));

        try (SignalingClient flooder = SignalingClient.open(attacker, Via.RAW_WEBSOCKET)) {
            // The gateway's own bucket allows bursts of 1,000 and 200/s: a burst, then two paced rounds.
            send(flooder, victim.userId(), 1, BOUND);
            await().atMost(Duration.ofSeconds(20)).until(() -> answered(flooder) >= BOUND);
            for (int round = 0; round < 2; round++) {
                await().pollDelay(Duration.ofMillis(700)).until(() -> true); // the gateway's bucket refills
                send(flooder, victim.userId(), BOUND + 1 + round * 100, 100);
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> answered(flooder) >= BOUND + 200
                    && flooder.count("error") >= flooder.count("ack") - BOUND);

            List<JsonNode> errors = flooder.framesOfType("error");
            long unavailable = errors.stream().filter(e -> "recipient-unavailable".equals(e.path("code").asString())).count();
            int acked = flooder.count("ack");
            assertThat(acked).as("acked beyond the bound").isGreaterThan(BOUND);
            assertThat(unavailable).isEqualTo(acked - BOUND);

            try (SignalingClient victimClient = SignalingClient.open(victim, Via.RAW_WEBSOCKET)) {
                Duration roundTrip = Bystanders.roundTripOn(platform, partition);
                await().atMost(Duration.ofSeconds(20)).until(() -> victimClient.count("signal") >= BOUND);
                List<Integer> received = victimClient.framesOfType("signal").stream()
                        .map(s -> s.path("content").path("n").asInt()).toList();
                assertThat(received).hasSize(BOUND).isSorted().doesNotHaveDuplicates();
                Bystanders.assertServicesUp(platform);
                System.out.printf("held backlog attack: %d acked, %d answered recipient-unavailable, %d released in "
                        + "order; bystander round trip %d ms%n", acked, unavailable, received.size(), roundTrip.toMillis());
            }
        }
    }

    private static void send(SignalingClient client, String to, int first, int count) {
        for (int n = first; n < first + count; n++) {
            client.send(to, Map.of("n", n), "flood-" + n);
        }
    }

    /** Acks plus errors that are not recipient-unavailable (the ones that follow an ack). */
    private static int answered(SignalingClient client) {
        long refused = client.framesOfType("error").stream()
                .filter(e -> !"recipient-unavailable".equals(e.path("code").asString())).count();
        return client.count("ack") + (int) refused;
    }
}

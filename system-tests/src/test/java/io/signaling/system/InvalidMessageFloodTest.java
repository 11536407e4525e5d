package io.signaling.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.signaling.sockjs.peer.Inbox.Arrival;
import io.signaling.system.SignalingClient.Via;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/**
 * Attack (issue 11): one SockJS frame carrying 5,000 invalid messages. Every message
 * takes a rate token, valid or not (contract §2): the burst (1,000) is answered
 * {@code invalid-message}, the rest {@code rate-limited}; the connection stays open and
 * nobody else notices.
 */
@ExtendWith(AttackPlatform.Resolver.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class InvalidMessageFloodTest {

    private static final Logger log = LoggerFactory.getLogger(InvalidMessageFloodTest.class);

    private static final int MESSAGES = 5_000;

    @Test
    void fiveThousandInvalidMessagesInOneFrameAreRateLimitedAndHurtNobody(Platform platform) {
        SessionApi api = new SessionApi(platform.sessionUrl());
        String attackerId = ContractTests.newUser("flooder");
        try (SignalingClient attacker = SignalingClient.open(api.connect(attackerId), Via.RAW_WEBSOCKET);
                Bystanders bystanders = Bystanders.nextTo(platform, attackerId)) {
            List<String> junk = new ArrayList<>();
            for (int i = 0; i < MESSAGES; i++) {
                junk.add("{\"id\":\"j" + i + "\",\"to\":\"not a user\"}");
            }
            long sent = System.nanoTime();
            attacker.sendFrame(junk);

            await().atMost(Duration.ofSeconds(30)).until(() -> attacker.count("error") == MESSAGES);
            List<Arrival> answers = attacker.arrivals();
            double reading = (answers.get(answers.size() - 1).nanos() - sent) / 1e9;
            List<JsonNode> errors = attacker.framesOfType("error");
            long invalid = errors.stream().filter(e -> "invalid-message".equals(e.path("code").asString())).count();
            long limited = errors.stream().filter(e -> "rate-limited".equals(e.path("code").asString())).count();
            log.info("Invalid flood: {} invalid-message, {} rate-limited, the frame read in at most {} s", invalid,
                    limited, reading);
            // 1,000 tokens at once, and what 200/s refilled while the frame was read
            assertThat(invalid).isBetween(1_000L, (long) Math.ceil(1_000 + 200 * reading) + 1);
            assertThat(limited).isEqualTo(MESSAGES - invalid);
            assertThat(errors).allSatisfy(e -> assertThat(e.path("id").asString()).startsWith("j"));
            assertThat(attacker.isOpen()).isTrue();

            bystanders.assertRoundTripWithinLimit();
            Bystanders.assertServicesUp(platform);
        }
    }

}

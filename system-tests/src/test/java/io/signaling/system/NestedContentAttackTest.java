package io.signaling.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.signaling.system.SessionApi.Response;
import io.signaling.system.SessionApi.Session;
import io.signaling.system.SignalingClient.Via;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/**
 * Issue 11, the relay's crash loop: signals whose content is nested 490 to 1,000 deep,
 * written straight to the signals topic (as an older gateway or another writer could), to
 * a recipient whose session is not acked yet (held) and to a connected one. Content the
 * relay can read is held, released and delivered in order at its depth; deeper content is
 * skipped; either way the relay keeps deciding {@code /connect} and routing for a
 * bystander pair on the same partition, every service stays UP, and no log line holds the
 * content.
 */
@ExtendWith(AttackPlatform.Resolver.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class NestedContentAttackTest {

    private static final String MARKER = "nested-attack-marker";

    /**
     * Every depth the relay reads (up to 499: the signal record is one level more), then
     * deeper ones.
     */
    private static final List<Integer> READABLE = IntStream.rangeClosed(490, 499).boxed().toList();

    private static final List<Integer> UNREADABLE = IntStream.rangeClosed(10, 20).map(i -> i * 50).boxed().toList();

    @Test
    void deepContentToAHeldAndAConnectedRecipientStopsNobody(Platform platform) throws Exception {
        SessionApi api = new SessionApi(platform.sessionUrl());
        int partition = 1;
        Bystanders.awaitWarm(platform, partition);
        Session held = api.connect(Bystanders.userOn(platform, partition, "held"));
        Session live = api.connect(Bystanders.userOn(platform, partition, "live"));
        Response sender = api.connectForm(Bystanders.userOn(platform, 0, "mallory"));
        assertThat(sender.status()).isEqualTo(201);

        try (CapturedLogs logs = new CapturedLogs();
                SignalingClient liveClient = SignalingClient.open(live, Via.RAW_WEBSOCKET)) {
            await().atMost(Duration.ofSeconds(5)).until(() -> api.get(live.userId()).body().path("acked").asBoolean());
            List<ProducerRecord<String, byte[]>> attack = new ArrayList<>();
            for (int depth : concat(READABLE, UNREADABLE)) {
                attack.add(record(platform, held.userId(), "held-" + depth, depth, sender));
                attack.add(record(platform, live.userId(), "live-" + depth, depth, sender));
            }
            write(platform, attack);

            // The relay goes on: a bystander pair on the attacked partition, and /connect
            // decided there.
            Duration roundTrip = Bystanders.roundTripOn(platform, partition);
            assertThat(api.connectForm(Bystanders.userOn(platform, partition, "after")).status()).isEqualTo(201);

            await().atMost(Duration.ofSeconds(10)).until(() -> liveClient.count("signal") >= READABLE.size());
            assertDepthsInOrder(liveClient.framesOfType("signal"), "live-");
            try (SignalingClient heldClient = SignalingClient.open(held, Via.RAW_WEBSOCKET)) {
                await().atMost(Duration.ofSeconds(10)).until(() -> heldClient.count("signal") >= READABLE.size());
                assertDepthsInOrder(heldClient.framesOfType("signal"), "held-");
            }
            Bystanders.assertServicesUp(platform);
            assertThat(logs.lines()).noneMatch(line -> line.contains(MARKER));
            System.out.printf("nested content attack: %d records (depths %d-%d), bystander round trip %d ms%n",
                    attack.size(), READABLE.get(0), UNREADABLE.get(UNREADABLE.size() - 1), roundTrip.toMillis());
        }
    }

    private static void assertDepthsInOrder(List<JsonNode> signals, String prefix) {
        assertThat(signals).extracting(s -> s.path("id").asString())
            .containsExactlyElementsOf(READABLE.stream().map(depth -> prefix + depth).toList());
        for (JsonNode signal : signals) {
            int depth = Integer.parseInt(signal.path("id").asString().substring(prefix.length()));
            JsonNode content = signal.path("content");
            for (int level = 1; level < depth; level++) {
                content = content.path(0);
            }
            assertThat(content.path(0).asString()).as("content at depth %d", depth).isEqualTo(MARKER);
        }
    }

    /**
     * A signal record as a foreign writer could put it in the topic, keyed by its
     * recipient.
     */
    private static ProducerRecord<String, byte[]> record(Platform platform, String to, String id, int depth,
            Response sender) {
        String content = "[".repeat(depth) + "\"" + MARKER + "\"" + "]".repeat(depth);
        String json = "{\"id\":\"" + id + "\",\"from\":\"" + sender.text("userId") + "\",\"to\":\"" + to
                + "\",\"content\":" + content + ",\"sentAt\":\"2030-01-01T00:00:00Z\",\"senderSessionId\":\""
                + sender.text("sessionId") + "\",\"senderGatewayId\":\"" + platform.gatewayId(0)
                + "\",\"senderDeliveryPartition\":0}";
        return new ProducerRecord<>(platform.prefix() + ".signals", to, json.getBytes(StandardCharsets.UTF_8));
    }

    private static void write(Platform platform, List<ProducerRecord<String, byte[]>> records) throws Exception {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.bootstrapServers(), ProducerConfig.ACKS_CONFIG,
                        "all"),
                new StringSerializer(), new ByteArraySerializer())) {
            for (ProducerRecord<String, byte[]> record : records) {
                producer.send(record).get();
            }
        }
    }

    private static List<Integer> concat(List<Integer> a, List<Integer> b) {
        List<Integer> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

}

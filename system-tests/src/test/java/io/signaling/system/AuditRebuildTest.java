package io.signaling.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.signaling.audit.cli.AuditCommand;
import io.signaling.schemas.session.SessionCreated;
import io.signaling.schemas.topic.Topics;
import io.signaling.schemas.topic.TopicsProperties;
import io.signaling.system.SessionApi.Session;
import io.signaling.system.SignalingClient.Via;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine;

/**
 * Contract §3: the session table is derived from the session-events log. `audit rebuild`
 * folds the log and compares it with the relay's live table — also after the relay lost
 * its local state, and it notices a record the table does not reflect.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AuditRebuildTest {

    @AutoClose
    private static EmbeddedPlatform embedded;

    private static Platform platform;

    /**
     * Sessions in every state the log can leave one in. The rebuild compares with the
     * live table, so it runs once every change has settled there: ordering, not a time
     * allowance.
     */
    @BeforeAll
    static void start() {
        embedded = EmbeddedPlatform.start(1, 1, 1, Map.of("signaling.relay.unacked-session-ttl", "3s"));
        platform = embedded.platform();
        SessionApi api = new SessionApi(platform.sessionUrl());
        Session connected = api.connect("connected");
        Session closed = api.connect("closed");
        Session deleted = api.connect("deleted");
        api.connect("expires");
        api.connect("pending");
        SignalingClient.open(connected, Via.WEBSOCKET);
        SignalingClient.open(closed, Via.WEBSOCKET).close();
        assertThat(api.delete(deleted.userId(), deleted.listeningKey()).status()).isEqualTo(204);
        assertThat(api.connectForm("connected").status()).isEqualTo(409);
        await().atMost(Duration.ofSeconds(30))
            .until(() -> api.get("connected").body().path("acked").asBoolean()
                    && List.of("closed", "deleted", "expires", "pending")
                        .stream()
                        .allMatch(user -> api.get(user).status() == 404));
    }

    record Run(int exitCode, String out) {
    }

    static Run rebuild() {
        StringWriter out = new StringWriter();
        int code = new CommandLine(new AuditCommand()).setOut(new PrintWriter(out))
            .setErr(new PrintWriter(out))
            .execute("rebuild", "--bootstrap-servers", platform.bootstrapServers(), "--topic-prefix",
                    platform.prefix());
        return new Run(code, out.toString());
    }

    @Test
    @Order(1)
    void theTableRebuiltFromEventsEqualsTheLiveTable() {
        Run run = rebuild();

        assertThat(run.exitCode()).as(run.out()).isZero();
        assertThat(run.out()).contains("session table OK").contains("1 live sessions");
    }

    @Test
    @Order(2)
    void afterTheRelayLosesItsLocalStateTheTableComesBackFromTheLog() {
        platform.restartRelayWithoutLocalState();
        SessionApi api = new SessionApi(platform.sessionUrl());
        await().atMost(Duration.ofSeconds(30))
            .until(() -> "UP".equals(api.send(HttpRequest.newBuilder(URI.create(platform.relayHealthUrl())).GET())
                .body()
                .path("status")
                .asString()));

        assertThat(api.connectForm("connected").status()).as("the restored table still knows 'connected'")
            .isEqualTo(409);
        // 'expires' again, and connected this time: acked, it cannot expire under the
        // rebuild (TTL 3 s here)
        SignalingClient.open(api.connect("expires"), Via.WEBSOCKET);
        await().atMost(Duration.ofSeconds(30)).until(() -> api.get("expires").body().path("acked").asBoolean());
        Run run = rebuild();
        assertThat(run.exitCode()).as(run.out()).isZero();
        assertThat(run.out()).contains("2 live sessions");
    }

    @Test
    @Order(3)
    void aRecordTheTableDoesNotReflectIsReportedAsADifference() throws Exception {
        Topics topics = Topics.from(TopicsProperties.defaults(platform.prefix()));
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.bootstrapServers()), new StringSerializer(),
                new org.apache.kafka.common.serialization.ByteArraySerializer())) {
            SessionCreated forged = new SessionCreated("mallory", "forged", "sha256:none", "gw-a", "http://x/ws", 0,
                    Instant.now(), Instant.now().plusSeconds(3600));
            producer
                .send(new ProducerRecord<>(topics.sessionEvents().name(), "mallory",
                        topics.sessionEvents().valueSerde().serializer().serialize("", forged)))
                .get();
        }

        Run run = rebuild();

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("session table DIFFERS").contains("- mallory").contains("not in the live table");
    }

}

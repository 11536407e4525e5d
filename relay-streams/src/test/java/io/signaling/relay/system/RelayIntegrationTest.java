package io.signaling.relay.system;

import static org.assertj.core.api.Assertions.assertThat;
import io.signaling.schemas.json.RawJson;
import static org.awaitility.Awaitility.await;

import io.signaling.edge.testing.TopicsCreatedFirst;
import io.signaling.relay.RelayApplication;
import io.signaling.schemas.delivery.Delivery;
import io.signaling.schemas.delivery.SignalDelivery;
import io.signaling.schemas.gateway.ConnectionOpened;
import io.signaling.schemas.security.ListeningKeys;
import io.signaling.schemas.session.CreateSession;
import io.signaling.schemas.session.SessionAcked;
import io.signaling.schemas.session.SessionCreated;
import io.signaling.schemas.session.SessionEvent;
import io.signaling.schemas.session.SessionRefused;
import io.signaling.schemas.session.SessionState;
import io.signaling.schemas.signal.SignalAccepted;
import io.signaling.schemas.topic.Topics;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The relay as deployed: Spring app, real broker, records in and out as session-service
 * and the gateways see them. Also proves the state comes from the log: with its state dir
 * deleted, a restarted relay rebuilds the session table from its changelogs and decides
 * the same way.
 */
@SpringBootTest(classes = RelayApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "spring.config.name=" + RelayApplication.CONFIG_NAME, "server.shutdown=immediate",
                "signaling.topics.partitions=3", "signaling.topics.delivery-partitions=4",
                "signaling.relay.unacked-session-ttl=5m", "signaling.relay.close-timeout=10s" })
@EmbeddedKafka(partitions = 1, bootstrapServersProperty = "spring.kafka.bootstrap-servers")
@Import(TopicsCreatedFirst.class)
@ExtendWith(OutputCaptureExtension.class)
@Timeout(180)
class RelayIntegrationTest {

    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);

    private static final Duration WAIT = Duration.ofSeconds(60);

    private static Path stateDir;

    @Autowired
    Topics topics;

    @Autowired
    RelayStreams relayStreams;

    @Value("${spring.kafka.bootstrap-servers}")
    String bootstrapServers;

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void uniqueNames(DynamicPropertyRegistry registry) throws IOException {
        // Under target/, not the OS temp dir, and never deleted by the test: the context
        // (and its
        // RocksDB stores) closes only after the test class, at JVM shutdown.
        stateDir = Files.createDirectories(Path.of("target", "relay-it-state-" + RUN)).toAbsolutePath();
        registry.add("signaling.topics.prefix", () -> "relay-it-" + RUN);
        registry.add("signaling.relay.application-id", () -> "relay-it-" + RUN);
        registry.add("signaling.relay.state-dir", () -> stateDir.toString());
    }

    @Test
    void decidesSessionsAndDeliversASignalToTheRecipientsGatewayPartition(CapturedOutput output) throws Exception {
        awaitRelayUp();
        try (KafkaTopicsClient kafka = client()) {
            // Not JSON: skipped without stalling bob's partition, and its bytes never
            // reach a log line.
            kafka.sendRaw(topics.signals().name(), "bob", "TOPSECRETSDP {".getBytes(StandardCharsets.UTF_8));
            kafka.send(topics.sessionCommands(), "alice", create("alice", "a1", "gateway-1", 1));
            kafka.send(topics.sessionCommands(), "bob", create("bob", "b1", "gateway-2", 3));
            kafka.send(topics.gatewayReports(), "alice",
                    new ConnectionOpened("alice", "a1", "gateway-1", Instant.now()));
            kafka.send(topics.gatewayReports(), "bob", new ConnectionOpened("bob", "b1", "gateway-2", Instant.now()));
            kafka.send(topics.signals(), "bob", new SignalAccepted("m1", "alice", "bob",
                    RawJson.trusted("{\"sdp\":\"v=0\"}"), Instant.now(), "a1", "gateway-1", 1));

            await().atMost(WAIT).untilAsserted(() -> {
                List<SessionEvent> events = kafka.values(topics.sessionEvents());
                assertThat(events).filteredOn(e -> e instanceof SessionCreated)
                    .extracting(SessionEvent::sessionId)
                    .contains("a1", "b1");
                assertThat(events).filteredOn(e -> e instanceof SessionAcked)
                    .extracting(SessionEvent::sessionId)
                    .contains("a1", "b1");
            });
            await().atMost(WAIT).untilAsserted(() -> assertThat(lastRow(kafka, "bob")).satisfies(row -> {
                assertThat(row.sessionId()).isEqualTo("b1");
                assertThat(row.acked()).isTrue();
                assertThat(row.deliveryPartition()).isEqualTo(3);
            }));
            await().atMost(WAIT).untilAsserted(() -> {
                List<KafkaTopicsClient.Read<Delivery>> deliveries = kafka.read(topics.deliveries());
                assertThat(deliveries).hasSize(1);
                KafkaTopicsClient.Read<Delivery> delivery = deliveries.get(0);
                assertThat(delivery.partition()).as("bob's gateway partition, not his key's hash").isEqualTo(3);
                assertThat(delivery.value()).isInstanceOfSatisfying(SignalDelivery.class, d -> {
                    assertThat(d.userId()).isEqualTo("bob");
                    assertThat(d.sessionId()).isEqualTo("b1");
                    assertThat(d.gatewayId()).isEqualTo("gateway-2");
                    assertThat(d.id()).isEqualTo("m1");
                    assertThat(d.from()).isEqualTo("alice");
                    assertThat(d.content().toTree().get("sdp").asString()).isEqualTo("v=0");
                });
            });
        }
        await().atMost(WAIT)
            .untilAsserted(() -> assertThat(get("/actuator/prometheus").body())
                .contains("signaling_relay_signals_routed_total{outcome=\"delivered\"")
                .contains("record_e2e_latency")
                .contains("signaling_relay_signals_held")
                .contains("signaling_relay_records_skipped_total{topic=\"" + topics.signals().name() + "\"} 1.0"));
        assertThat(output.getAll()).contains("Skipping unreadable record topic=" + topics.signals().name())
            .doesNotContain("TOPSECRETSDP");
    }

    @Test
    void aRestartedRelayWithoutItsStateDirRebuildsTheSessionTableFromTheLog() throws Exception {
        awaitRelayUp();
        try (KafkaTopicsClient kafka = client()) {
            kafka.send(topics.sessionCommands(), "carol", create("carol", "c1", "gateway-1", 0));
            kafka.send(topics.gatewayReports(), "carol",
                    new ConnectionOpened("carol", "c1", "gateway-1", Instant.now()));
            kafka.send(topics.sessionCommands(), "dave", create("dave", "d1", "gateway-2", 2));
            await().atMost(WAIT).untilAsserted(() -> {
                List<SessionEvent> events = kafka.values(topics.sessionEvents());
                assertThat(events).filteredOn(e -> e instanceof SessionAcked)
                    .extracting(SessionEvent::sessionId)
                    .contains("c1");
                assertThat(events).filteredOn(e -> e instanceof SessionCreated)
                    .extracting(SessionEvent::sessionId)
                    .contains("d1");
            });

            relayStreams.stop();
            assertThat(get("/actuator/health").statusCode()).as("stopped relay is DOWN").isEqualTo(503);
            Path appState = stateDir.resolve("relay-it-" + RUN);
            assertThat(appState).exists();
            deleteRecursively(appState);
            relayStreams.start();
            awaitRelayUp();

            kafka.send(topics.sessionCommands(), "carol", create("carol", "c2", "gateway-1", 0));
            kafka.send(topics.gatewayReports(), "dave", new ConnectionOpened("dave", "d1", "gateway-2", Instant.now()));
            await().atMost(WAIT)
                .untilAsserted(() -> assertThat(kafka.values(topics.sessionEvents()))
                    .anySatisfy(e -> assertThat(e).isInstanceOfSatisfying(SessionRefused.class, refused -> {
                        assertThat(refused.userId()).isEqualTo("carol");
                        assertThat(refused.sessionId()).isEqualTo("c2");
                        assertThat(refused.reason()).isEqualTo(SessionRefused.USER_ID_TAKEN);
                    }))
                    .anySatisfy(e -> assertThat(e).isInstanceOfSatisfying(SessionAcked.class,
                            acked -> assertThat(acked.sessionId()).isEqualTo("d1"))));
            assertThat(kafka.values(topics.sessionEvents())).noneSatisfy(e -> assertThat(e)
                .isInstanceOfSatisfying(SessionCreated.class, c -> assertThat(c.sessionId()).isEqualTo("c2")));
        }
    }

    private SessionState lastRow(KafkaTopicsClient kafka, String userId) {
        List<KafkaTopicsClient.Read<SessionState>> rows = kafka.read(topics.sessions())
            .stream()
            .filter(r -> r.key().equals(userId))
            .toList();
        return rows.isEmpty() ? null : rows.get(rows.size() - 1).value();
    }

    private KafkaTopicsClient client() {
        return new KafkaTopicsClient(bootstrapServers,
                List.of(topics.sessionEvents(), topics.sessions(), topics.deliveries()));
    }

    private static CreateSession create(String userId, String sessionId, String gatewayId, int partition) {
        return new CreateSession(userId, sessionId, ListeningKeys.hash(ListeningKeys.generate()), gatewayId,
                "http://127.0.0.1:8081/ws", partition, Instant.now());
    }

    private void awaitRelayUp() {
        await().atMost(WAIT).untilAsserted(() -> {
            HttpResponse<String> health = get("/actuator/health");
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).contains("\"relay\":{\"status\":\"UP\"");
        });
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

}

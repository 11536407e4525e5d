package io.signaling.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.signaling.edge.testing.TopicsCreatedFirst;
import io.signaling.schemas.gateway.GatewayHeartbeat;
import io.signaling.schemas.security.ListeningKeys;
import io.signaling.schemas.session.CreateSession;
import io.signaling.schemas.session.EndSession;
import io.signaling.schemas.session.SessionCommand;
import io.signaling.session.testing.MutableClock;
import io.signaling.session.testing.RelayDouble;
import io.signaling.session.testing.ServiceWithRelayDouble;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The whole service on a real (embedded, KRaft) broker. The test plays the relay
 * ({@link RelayDouble}) and a gateway (its heartbeat record); the clock is the test's, to
 * age that heartbeat.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "spring.config.name=" + SessionServiceApplication.CONFIG_NAME, "server.shutdown=immediate",
                "signaling.topics.partitions=3", "signaling.topics.delivery-partitions=2",
                "signaling.session.decision-timeout=3s", "signaling.session.gateway-timeout=10s" })
@EmbeddedKafka(count = 1, bootstrapServersProperty = "spring.kafka.bootstrap-servers")
@Import(TopicsCreatedFirst.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SessionServiceIntegrationTest extends ServiceWithRelayDouble {

    private static final String PREFIX = "it-session-" + UUID.randomUUID();

    private static final String GATEWAY = "gw-it";

    private static final String ADDRESS = "http://127.0.0.1:8081/ws";

    @DynamicPropertySource
    static void topics(DynamicPropertyRegistry registry) {
        registry.add("signaling.topics.prefix", () -> PREFIX);
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class TestClock {

        @Bean
        @Primary
        MutableClock testClock() {
            return new MutableClock(Instant.now());
        }

    }

    /**
     * Every test starts with one freshly heard-from gateway, whatever the clock was moved
     * to.
     */
    @BeforeEach
    void gatewayIsLive() {
        heartbeat(GATEWAY, ADDRESS, clock.instant());
        await().atMost(Duration.ofSeconds(15))
            .untilAsserted(() -> assertThat(gateways.live()).extracting(GatewayHeartbeat::at)
                .containsExactly(clock.instant()));
    }

    @Test
    void connectGetAndDeleteGoThroughTheRelay() throws Exception {
        HttpResponse<String> created = post("/connect", "application/x-www-form-urlencoded", "userId=alice");

        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.headers().firstValue("Location")).hasValue("/sessions/alice");
        JsonNode body = json.readTree(created.body());
        String key = body.get("listeningKey").asString();
        assertThat(body.get("userId").asString()).isEqualTo("alice");
        assertThat(body.get("listeningAddress").asString()).isEqualTo(ADDRESS);
        assertThat(body.get("acked").asBoolean()).isFalse();
        assertThat(key).hasSizeGreaterThanOrEqualTo(22);
        assertThat(Instant.parse(body.get("expiresAt").asString())).isAfter(clock.instant());

        CreateSession create = relay.commands()
            .stream()
            .filter(CreateSession.class::isInstance)
            .map(CreateSession.class::cast)
            .filter(c -> c.userId().equals("alice"))
            .findFirst()
            .orElseThrow();
        assertThat(create.sessionId()).isEqualTo(body.get("sessionId").asString());
        assertThat(create.gatewayId()).isEqualTo(GATEWAY);
        assertThat(create.keyHash()).isEqualTo(ListeningKeys.hash(key));
        assertThat(relay.rawCommands()).noneMatch(record -> record.contains(key));

        // the row is in the view before the 201: a GET right after sees it, without the
        // key
        HttpResponse<String> read = get("/sessions/alice");
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(json.readTree(read.body()).propertyNames()).containsExactly("userId", "listeningAddress", "acked");
        assertThat(read.body()).doesNotContain(key).doesNotContain(create.keyHash());

        assertThat(delete("/sessions/alice", "Bearer " + ListeningKeys.generate()).statusCode()).isEqualTo(401);
        assertThat(delete("/sessions/alice", "Bearer " + key).statusCode()).isEqualTo(204);
        assertThat(relay.commands()).anySatisfy(command -> {
            assertThat(command).isInstanceOf(EndSession.class);
            assertThat(command.sessionId()).isEqualTo(create.sessionId());
        });
        assertThat(get("/sessions/alice").statusCode()).isEqualTo(404);

        // the userId is free again
        assertThat(post("/connect", "application/json", "{\"userId\":\"alice\"}").statusCode()).isEqualTo(201);
    }

    @Test
    void twentyConcurrentConnectsForOneUserIdHaveExactlyOneWinner() {
        List<CompletableFuture<HttpResponse<String>>> responses = IntStream.range(0, 20)
            .mapToObj(
                    i -> http.sendAsync(request("/connect").header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("userId=contested"))
                        .build(), HttpResponse.BodyHandlers.ofString()))
            .toList();

        List<Integer> statuses = responses.stream().map(CompletableFuture::join).map(HttpResponse::statusCode).toList();
        assertThat(statuses).containsOnly(201, 409);
        assertThat(statuses).filteredOn(status -> status == 201).hasSize(1);
        assertThat(responses.stream().map(CompletableFuture::join).filter(r -> r.statusCode() == 409))
            .allSatisfy(r -> assertThat(json.readTree(r.body()).get("error").asString()).isEqualTo("user-id-taken"));
        // the service sent all twenty: the relay decided, not a check in the service
        assertThat(relay.commands()).filteredOn(c -> c instanceof CreateSession && c.userId().equals("contested"))
            .hasSize(20);
    }

    @Test
    void actuatorAnswersOnTheManagementPortAndThePublicPortHasOnlyTheContractsHealth() throws Exception {
        assertThat(managementPort).isNotEqualTo(port);
        for (String path : List.of("/actuator/health/readiness", "/actuator/prometheus", "/actuator")) {
            assertThat(get(path).statusCode()).as("the public port serves no actuator: %s", path).isEqualTo(404);
        }
        await().atMost(Duration.ofSeconds(15)).until(() -> get("/actuator/health").statusCode() == 200);
        assertThat(json.readTree(get("/actuator/health").body()).properties()).as("status only, no details")
            .extracting(java.util.Map.Entry::getKey)
            .containsExactly("status");
        assertThat(json.readTree(get("/actuator/health").body()).get("status").asString()).isEqualTo("UP");
        assertThat(json.readTree(management("/actuator/health").body()).at("/components/kafka/status").asString())
            .as("details on the management port")
            .isNotEmpty();
    }

    @Test
    void healthIsUpOnlyWhileAGatewayIsLive() throws Exception {
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            HttpResponse<String> up = management("/actuator/health");
            assertThat(up.statusCode()).isEqualTo(200);
            JsonNode health = json.readTree(up.body());
            assertThat(health.get("status").asString()).isEqualTo("UP");
            assertThat(health.at("/components/kafka/status").asString()).isEqualTo("UP");
            assertThat(health.at("/components/gateways/details/live").asInt()).isEqualTo(1);
            assertThat(management("/actuator/health/readiness").statusCode()).isEqualTo(200);
        });

        clock.advance(Duration.ofSeconds(11));

        HttpResponse<String> down = management("/actuator/health");
        assertThat(down.statusCode()).isEqualTo(503);
        assertThat(get("/actuator/health").statusCode()).as("the contract's health on the public port").isEqualTo(503);
        assertThat(json.readTree(get("/actuator/health").body()).get("status").asString()).isEqualTo("DOWN");
        assertThat(json.readTree(down.body()).at("/components/gateways/status").asString()).isEqualTo("DOWN");
        assertThat(json.readTree(down.body()).at("/components/kafka/status").asString()).isEqualTo("UP");
        assertThat(management("/actuator/health/readiness").statusCode()).isEqualTo(503);
        HttpResponse<String> refused = post("/connect", "application/x-www-form-urlencoded", "userId=bob");
        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(json.readTree(refused.body()).get("error").asString()).isEqualTo("no-gateway-available");

        heartbeat(GATEWAY, ADDRESS, clock.instant());
        await().atMost(Duration.ofSeconds(15)).until(() -> management("/actuator/health").statusCode() == 200);
    }

    @Test
    void aRelayThatNeverAnswersGives503AndTheOrphanIsEnded() throws Exception {
        HttpResponse<String> response = post("/connect", "application/x-www-form-urlencoded", "userId=silent-sam");

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(json.readTree(response.body()).get("error").asString()).isEqualTo("relay-unavailable");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            List<SessionCommand> sam = relay.commands().stream().filter(c -> c.userId().equals("silent-sam")).toList();
            assertThat(sam).hasSize(2);
            assertThat(sam.get(0)).isInstanceOf(CreateSession.class);
            assertThat(sam.get(1)).isInstanceOf(EndSession.class);
            assertThat(sam.get(1).sessionId()).isEqualTo(sam.get(0).sessionId());
        });
    }

    @Test
    void unreadableRecordsAreSkippedAndCounted() throws Exception {
        String gatewaysTopic = topics.gateways().name();
        relay.write(gatewaysTopic, "gw-garbage", "{not json".getBytes(StandardCharsets.UTF_8));
        heartbeat("gw-after-garbage", "http://127.0.0.1:8099/ws", clock.instant());

        await().atMost(Duration.ofSeconds(15))
            .untilAsserted(() -> assertThat(gateways.live()).extracting(GatewayHeartbeat::gatewayId)
                .contains("gw-after-garbage"));
        assertThat(management("/actuator/prometheus").body())
            .contains("signaling_session_records_skipped_total{topic=\"" + gatewaysTopic + "\"} 1.0")
            .contains("signaling_session_connect_total{outcome=\"created\"}");

        relay.write(gatewaysTopic, "gw-after-garbage", null); // deregisters
        await().atMost(Duration.ofSeconds(15))
            .untilAsserted(
                    () -> assertThat(gateways.live()).extracting(GatewayHeartbeat::gatewayId).containsExactly(GATEWAY));
    }

    @Test
    void corsRefusesUnknownOriginsOnTheRealServer() throws Exception {
        HttpResponse<String> refused = http
            .send(request("/connect").method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://evil.example")
                .header("Access-Control-Request-Method", "POST")
                .build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> allowed = http
            .send(request("/connect").method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "http://localhost:3000")
                .header("Access-Control-Request-Method", "POST")
                .build(), HttpResponse.BodyHandlers.ofString());

        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(allowed.statusCode()).isEqualTo(200);
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).hasValue("http://localhost:3000");
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(uri(port, path)).timeout(Duration.ofSeconds(20));
    }

    private HttpResponse<String> post(String path, String contentType, String body) throws Exception {
        return http.send(request(path).header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> management(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(managementPort, path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> delete(String path, String authorization) throws Exception {
        return http.send(request(path).header("Authorization", authorization).DELETE().build(),
                HttpResponse.BodyHandlers.ofString());
    }

}

package io.signaling.session;

import static io.signaling.session.testing.IdentityProvider.claims;
import static io.signaling.session.testing.IdentityProvider.signHmac;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.nimbusds.jose.JWSAlgorithm;
import io.micrometer.core.instrument.MeterRegistry;
import io.signaling.edge.testing.TopicsCreatedFirst;
import io.signaling.schemas.gateway.GatewayHeartbeat;
import io.signaling.schemas.topic.Topics;
import io.signaling.session.gateways.GatewayRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * With identity tokens on, {@code POST /connect} is admitted in a deliberate order,
 * cheapest refusal first: body size (413), the client address's rate (429), the
 * platform's load (503 overloaded), and only then the token (401/403). So a flood costs
 * no signature check: the token-check meter does not move for anything refused before it.
 * On the real server: MockMvc runs Spring Security's chain after every other filter
 * whatever their order, so only Tomcat shows the order the service really has.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "spring.config.name=" + SessionServiceApplication.CONFIG_NAME, "server.shutdown=immediate",
                "server.forward-headers-strategy=native", "signaling.topics.partitions=1",
                "signaling.topics.delivery-partitions=1", "signaling.session.limits.connect-rate.per-second=0.01",
                "signaling.session.limits.connect-rate.burst=3" })
@EmbeddedKafka(count = 1, bootstrapServersProperty = "spring.kafka.bootstrap-servers")
@Import(TopicsCreatedFirst.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ConnectAdmissionOrderTest {

    private static final String PREFIX = "it-order-" + UUID.randomUUID();

    private static final String SECRET = "a-shared-secret-of-at-least-64-bytes-so-that-HS512-is-fine-too!!";

    private static final Path SECRET_FILE;

    static {
        try {
            SECRET_FILE = Files.createTempFile("jwt-hmac", ".secret");
            Files.writeString(SECRET_FILE, SECRET);
            SECRET_FILE.toFile().deleteOnExit();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        registry.add("signaling.topics.prefix", () -> PREFIX);
        registry.add("signaling.auth.jwt.hmac-secret-file", SECRET_FILE::toString);
    }

    @LocalServerPort
    private int port;

    @Value("${spring.kafka.bootstrap-servers}")
    private String bootstrapServers;

    @Autowired
    private Topics topics;

    @Autowired
    private GatewayRegistry gateways;

    @Autowired
    private MeterRegistry meters;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private KafkaProducer<String, byte[]> producer;

    @BeforeAll
    void gateway() {
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
                new StringSerializer(), new ByteArraySerializer());
        heartbeat(false);
    }

    @AfterAll
    void close() {
        producer.close(Duration.ofSeconds(5));
    }

    @Test
    void aFloodFromOneAddressIsRefused429WithoutItsTokensBeingChecked() throws Exception {
        double checked = tokenChecks();
        for (int i = 0; i < 3; i++) { // the burst reaches the token check, which refuses
                                      // the forged token
            assertThat(connect("192.0.2.1", "forged", "{\"userId\":\"alice\"}").statusCode()).isEqualTo(401);
        }
        assertThat(tokenChecks() - checked).isEqualTo(3);

        for (int i = 0; i < 20; i++) {
            HttpResponse<String> refused = connect("192.0.2.1", "forged", "{\"userId\":\"alice\"}");
            assertThat(refused.statusCode()).isEqualTo(429);
            assertThat(refused.body()).contains("\"error\":\"rate-limited\"");
            assertThat(refused.headers().firstValue("Retry-After")).isPresent();
            assertThat(refused.headers().firstValue("Access-Control-Allow-Origin")).hasValue("http://localhost:3000");
            assertThat(refused.headers().firstValue("Access-Control-Expose-Headers").orElse(""))
                .contains("Retry-After");
        }
        assertThat(tokenChecks() - checked).as("no token of the flood past the burst was verified").isEqualTo(3);
    }

    @Test
    void whileEveryGatewayShedsLoadConnectIsRefused503BeforeTheTokenIsChecked() throws Exception {
        heartbeat(true);
        try {
            double checked = tokenChecks();
            HttpResponse<String> refused = connect("192.0.2.2", "forged", "{\"userId\":\"alice\"}");

            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(refused.body()).contains("\"error\":\"overloaded\"");
            assertThat(refused.headers().firstValue("Retry-After")).hasValue("2");
            assertThat(refused.headers().firstValue("Access-Control-Allow-Origin")).hasValue("http://localhost:3000");
            assertThat(tokenChecks()).isEqualTo(checked);
        }
        finally {
            heartbeat(false);
        }
        assertThat(connect("192.0.2.2", "forged", "{\"userId\":\"alice\"}").statusCode())
            .as("the gateway has stopped shedding: the token is checked again")
            .isEqualTo(401);
    }

    @Test
    void eachRefusalComesInItsTurnBodySizeThenAddressRateThenLoadThenToken() throws Exception {
        heartbeat(true);
        try {
            for (int i = 0; i < 3; i++) {
                assertThat(connect("192.0.2.3", "forged", "{\"userId\":\"alice\"}").statusCode()).isEqualTo(503);
            }
            assertThat(connect("192.0.2.3", "forged", "{\"userId\":\"alice\"}").statusCode()).isEqualTo(429);
            assertThat(connect("192.0.2.3", "forged", "{\"userId\":\"" + "a".repeat(5000) + "\"}").statusCode())
                .isEqualTo(413);
        }
        finally {
            heartbeat(false);
        }
        String alice = signHmac(SECRET.getBytes(StandardCharsets.UTF_8), JWSAlgorithm.HS256, claims("alice", b -> {
        }));
        assertThat(connect("192.0.2.4", alice, "{\"userId\":\"bob\"}").statusCode()).isEqualTo(403);
    }

    /**
     * The test's gateway, heard from now: its heartbeat is what the load check reads. No
     * relay: nothing gets that far.
     */
    private void heartbeat(boolean overloaded) {
        Instant at = Instant.now();
        GatewayHeartbeat beat = new GatewayHeartbeat("gw-it", "http://127.0.0.1:8081/ws", List.of(0), 0, 100,
                overloaded, at, at);
        String topic = topics.gateways().name();
        producer.send(new ProducerRecord<>(topic, beat.gatewayId(),
                topics.gateways().valueSerde().serializer().serialize(topic, beat)));
        producer.flush();
        await().atMost(Duration.ofSeconds(15))
            .until(() -> gateways.live().stream().anyMatch(live -> live.at().equals(at)));
    }

    private double tokenChecks() {
        return meters.find("signaling.session.connect.auth").counters().stream().mapToDouble(c -> c.count()).sum();
    }

    /**
     * From {@code address} as Tomcat sees it: X-Forwarded-For, trusted from a loopback
     * proxy (forward-headers-strategy).
     */
    private HttpResponse<String> connect(String address, String token, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/connect"))
            .timeout(Duration.ofSeconds(20))
            .header("Authorization", "Bearer " + token)
            .header("Origin", "http://localhost:3000")
            .header("X-Forwarded-For", address)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(), HttpResponse.BodyHandlers.ofString());
    }

}

package io.signaling.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.signaling.schemas.security.ListeningKeys;
import io.signaling.schemas.session.CreateSession;
import io.signaling.schemas.session.SessionCommand;
import io.signaling.schemas.topic.TopicsProperties;
import io.signaling.schemas.topic.Topics;
import io.signaling.system.SessionApi.Session;
import io.signaling.system.SignalingClient.Via;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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
import org.junit.jupiter.api.Timeout;
import org.springframework.web.socket.CloseStatus;

/**
 * Issue 13, capacity: gateways announce their connections and
 * {@code signaling.gateway.max-connections} in their heartbeats; session-service binds no
 * session to a full gateway (503 {@code no-gateway-available} when every gateway is full)
 * and binds the next ones to a gateway with room; a full gateway refuses a handshake
 * ({@code gateway-full}) even for a session bound to it.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class CapacityTest {

    private static final int MAX_CONNECTIONS = 10;

    private static final String RUN = UUID.randomUUID().toString().substring(0, 6);

    private static EmbeddedPlatform embedded;

    private static Platform platform;

    private final List<SignalingClient> clients = new ArrayList<>();

    @BeforeAll
    static void start() {
        embedded = EmbeddedPlatform.start(1, 1, 1, Map.of("signaling.gateway.max-connections", MAX_CONNECTIONS));
        platform = embedded.platform();
    }

    @AfterAll
    static void stop() {
        if (embedded != null) {
            embedded.close();
        }
    }

    @Test
    void aFullGatewayRefusesTheEleventhHandshakeAndNewSessionsAreBoundToAnotherGateway() throws Exception {
        SessionApi api = new SessionApi(platform.sessionUrl());
        String full = platform.gatewayUrl(0);
        for (int i = 0; i < MAX_CONNECTIONS; i++) {
            Session session = api.connect("u" + i + "-" + RUN);
            assertThat(session.listeningAddress()).isEqualTo(full);
            clients.add(SignalingClient.open(session, Via.RAW_WEBSOCKET));
        }

        // Every gateway is full: nothing to bind an eleventh session to.
        SessionApi.Response refused = api.connectForm("u10-" + RUN);
        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.text("error")).isEqualTo("no-gateway-available");

        // A session bound to the full gateway all the same (as a second session-service
        // racing this one might):
        // the gateway itself refuses the eleventh connection, on the websocket (HTTP 403)
        // and the HTTP transports.
        String key = ListeningKeys.generate();
        String late = "late-" + RUN;
        createSessionOn(platform.gatewayId(0), full, late, key);
        await().atMost(Duration.ofSeconds(15)).until(() -> api.get(late).status() == 200);
        assertThat(ContractTests.rawWebSocketHandshakeStatus(full, late, key)).isEqualTo(403);
        SignalingClient overXhr = SignalingClient.connect(full, late, key, Via.XHR);
        assertThat(overXhr.awaitClose(Duration.ofSeconds(10))).isEqualTo(new CloseStatus(4403, "gateway-full"));
        assertThat(api.get(late).body().path("acked").asBoolean()).as("a refusal acks nothing").isFalse();
        assertThat(clients).allMatch(SignalingClient::isOpen);

        // Another gateway comes up: the next sessions are bound to it, and connect.
        platform.startGateway("gw-b", 1);
        String other = platform.gatewayUrl(1);
        await().atMost(Duration.ofSeconds(20)).until(() -> api.connectForm("probe-" + RUN).status() == 201);
        assertThat(api.get("probe-" + RUN).text("listeningAddress")).isEqualTo(other);
        for (int i = 11; i < 14; i++) {
            Session session = api.connect("u" + i + "-" + RUN);
            assertThat(session.listeningAddress()).isEqualTo(other);
            SignalingClient client = SignalingClient.open(session, Via.RAW_WEBSOCKET);
            clients.add(client);
            assertThat(client.isOpen()).isTrue();
        }

        // A place freed on the first gateway is taken again.
        clients.remove(0).close();
        await().atMost(Duration.ofSeconds(15)).until(() -> api.get("u0-" + RUN).status() == 404);
        SignalingClient again = SignalingClient.connect(full, late, key, Via.RAW_WEBSOCKET);
        clients.add(again);
        await().atMost(Duration.ofSeconds(10)).until(again::isOpen);
        clients.forEach(SignalingClient::close);
    }

    /**
     * A CreateSession written straight to the relay's command topic, bound to
     * {@code gatewayId} whatever its load.
     */
    private static void createSessionOn(String gatewayId, String address, String userId, String key) throws Exception {
        Topics topics = Topics.from(TopicsProperties.defaults(platform.prefix()));
        CreateSession create = new CreateSession(userId, UUID.randomUUID().toString(), ListeningKeys.hash(key),
                gatewayId, address, 0, Instant.now());
        String topic = topics.sessionCommands().name();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.bootstrapServers(), ProducerConfig.ACKS_CONFIG,
                        "all"),
                new StringSerializer(), new ByteArraySerializer())) {
            producer
                .send(new ProducerRecord<>(topic, userId,
                        topics.sessionCommands().valueSerde().serializer().serialize(topic, (SessionCommand) create)))
                .get(10, TimeUnit.SECONDS);
        }
    }

}

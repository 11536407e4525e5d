package io.signaling.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import io.signaling.schemas.json.RawJson;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.signaling.edge.testing.TopicsCreatedFirst;
import io.signaling.gateway.config.GatewayIdentity;
import io.signaling.schemas.delivery.Delivery;
import io.signaling.schemas.delivery.RejectionReason;
import io.signaling.schemas.delivery.SignalDelivery;
import io.signaling.schemas.delivery.SignalReceipt;
import io.signaling.schemas.delivery.SignalRejection;
import io.signaling.schemas.gateway.ConnectionClosed;
import io.signaling.schemas.gateway.ConnectionOpened;
import io.signaling.schemas.gateway.DeliveryFailed;
import io.signaling.schemas.gateway.GatewayHeartbeat;
import io.signaling.schemas.gateway.GatewayReport;
import io.signaling.schemas.json.Json;
import io.signaling.schemas.security.ListeningKeys;
import io.signaling.schemas.session.DeleteReason;
import io.signaling.schemas.session.SessionState;
import io.signaling.schemas.signal.SignalAccepted;
import io.signaling.schemas.topic.Topic;
import io.signaling.schemas.topic.Topics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.client.standard.StandardWebSocketClient;
import org.springframework.web.socket.handler.TextWebSocketHandler;
import org.springframework.web.socket.sockjs.client.RestTemplateXhrTransport;
import org.springframework.web.socket.sockjs.client.SockJsClient;
import org.springframework.web.socket.sockjs.client.WebSocketTransport;
import tools.jackson.databind.JsonNode;

/**
 * The gateway against a real (embedded, KRaft) broker, with the test playing the relay:
 * it writes session rows and deliveries, and reads what the gateway writes. Clients are
 * Spring's SockJS client over the websocket and the xhr transports, and a plain WebSocket
 * client for the raw path.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "spring.config.name=" + GatewayApplication.CONFIG_NAME,
                "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}", "server.shutdown=immediate",
                "signaling.topics.prefix=gateway-it", "signaling.topics.partitions=3",
                "signaling.topics.delivery-partitions=4", "signaling.gateway.id=" + GatewayIntegrationTest.GATEWAY_ID,
                "signaling.gateway.rate-limit.per-second=1", "signaling.gateway.rate-limit.burst=5",
                "signaling.gateway.heartbeat-interval=500ms", "signaling.gateway.handshake-wait=3s" })
@EmbeddedKafka(count = 1)
@Import({ TopicsCreatedFirst.class, GatewayIntegrationTest.SessionWrittenBeforeStart.class })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(OutputCaptureExtension.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class GatewayIntegrationTest {

    static final String GATEWAY_ID = "gw-it";

    private static final AtomicInteger USERS = new AtomicInteger();

    /**
     * Kafka round trips (the gateway writes, this test's consumer reads): no contract
     * bounds them; a failure's timeout.
     */
    private static final Duration ROUND_TRIP = Duration.ofSeconds(10);

    @LocalServerPort
    private int port;

    @LocalManagementPort
    private int managementPort;

    @Autowired
    private EmbeddedKafkaBroker broker;

    @Autowired
    private Topics topics;

    @Autowired
    private GatewayIdentity identity;

    @Autowired
    private MeterRegistry meters;

    @Autowired
    private LoggingSystem loggingSystem;

    private final List<Written> written = new CopyOnWriteArrayList<>();

    private final List<WebSocketSession> openSessions = new CopyOnWriteArrayList<>();

    private final HttpClient http = HttpClient.newHttpClient();

    private KafkaProducer<String, byte[]> relay;

    private KafkaConsumer<String, byte[]> reader;

    private Thread readerThread;

    /** A record the gateway wrote, decoded with its topic's serde. */
    private record Written(String topic, String key, Object value) {
    }

    @BeforeAll
    void startRelayStandIn() {
        relay = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer());
        reader = new KafkaConsumer<>(
                Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString(),
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new StringDeserializer(), new ByteArrayDeserializer());
        List<Topic<String, ?>> gatewayWrites = List.of(topics.gatewayReports(), topics.signals(), topics.gateways(),
                topics.deliveries());
        List<TopicPartition> partitions = new ArrayList<>();
        for (Topic<String, ?> topic : gatewayWrites) {
            for (int p = 0; p < topic.partitions(); p++) {
                partitions.add(new TopicPartition(topic.name(), p));
            }
        }
        reader.assign(partitions);
        reader.seekToBeginning(partitions);
        readerThread = new Thread(() -> {
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    for (ConsumerRecord<String, byte[]> record : reader.poll(Duration.ofMillis(100))) {
                        Topic<String, ?> topic = gatewayWrites.stream()
                            .filter(t -> t.name().equals(record.topic()))
                            .findFirst()
                            .orElseThrow();
                        Object value;
                        try {
                            value = record.value() == null ? null
                                    : topic.valueSerde().deserializer().deserialize(record.topic(), record.value());
                        }
                        catch (SerializationException e) {
                            continue; // the unreadable deliveries a test writes on
                                      // purpose
                        }
                        written.add(new Written(record.topic(), record.key(), value));
                    }
                }
            }
            catch (WakeupException e) {
                // done
            }
            finally {
                reader.close();
            }
        }, "test-reader");
        readerThread.start();
        await().atMost(Duration.ofSeconds(60)).until(() -> management("/actuator/health").body().contains("\"UP\""));
    }

    @AfterEach
    void closeClients() {
        for (WebSocketSession session : openSessions) {
            try {
                session.close();
            }
            catch (Exception e) {
                // already closed
            }
        }
        openSessions.clear();
    }

    @AfterAll
    void stopRelayStandIn() throws InterruptedException {
        reader.wakeup();
        readerThread.join(5000);
        relay.close();
    }

    // --- handshake ---

    /**
     * A session row written after the topics exist and before the gateway's sessions view
     * starts reading, as for every session of a gateway restarted under its id: the view
     * reads the table from its beginning, not only what comes after it started.
     */
    static class SessionWrittenBeforeStart {

        static final String USER = "written-before-start";

        static final String KEY = ListeningKeys.generate();

        SessionWrittenBeforeStart(Topics topics, GatewayIdentity identity,
                @Value("${spring.kafka.bootstrap-servers}") String bootstrapServers) throws Exception {
            Instant now = Instant.now();
            SessionState row = new SessionState(USER, UUID.randomUUID().toString(), ListeningKeys.hash(KEY), GATEWAY_ID,
                    "http://127.0.0.1/ws", identity.deliveryPartitions().get(0), false, now, now.plusSeconds(300),
                    null);
            try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map
                .of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers, ProducerConfig.ACKS_CONFIG, "all"),
                    new StringSerializer(), new ByteArraySerializer())) {
                producer
                    .send(new ProducerRecord<>(topics.sessions().name(), USER,
                            topics.sessions().valueSerde().serializer().serialize(topics.sessions().name(), row)))
                    .get();
            }
        }

    }

    @Test
    void aSessionWrittenBeforeTheGatewayStartedOpensItsConnection() throws Exception {
        connect(webSocketClient(), SessionWrittenBeforeStart.USER, SessionWrittenBeforeStart.KEY);

        assertThat(awaitReport(SessionWrittenBeforeStart.USER, ConnectionOpened.class).gatewayId())
            .isEqualTo(GATEWAY_ID);
    }

    @Test
    void theRightKeyOpensAWebSocketConnectionAndAClientCloseDeletesTheSession() throws Exception {
        String user = newUser();
        Session session = newSession(user, GATEWAY_ID);
        Client client = connect(webSocketClient(), user, session.key());

        ConnectionOpened opened = awaitReport(user, ConnectionOpened.class);
        assertThat(opened).isEqualTo(new ConnectionOpened(user, session.sessionId(), GATEWAY_ID, opened.at()));

        client.session().close(CloseStatus.NORMAL);

        ConnectionClosed closed = awaitReport(user, ConnectionClosed.class);
        assertThat(closed.reason()).isEqualTo(DeleteReason.CONNECTION_CLOSED);
        assertThat(closed.sessionId()).isEqualTo(session.sessionId());
        assertThat(closed.gatewayId()).isEqualTo(GATEWAY_ID);
    }

    @Test
    void theRightKeyOpensAnXhrConnectionThatCarriesFramesBothWays() throws Exception {
        String user = newUser();
        Session session = newSession(user, GATEWAY_ID);
        Client client = connect(xhrClient(), user, session.key());
        awaitReport(user, ConnectionOpened.class);

        client.send("{\"to\":\"" + user + "\",\"id\":\"x1\",\"content\":{\"type\":\"offer\"}}");

        assertThat(client.next()).isEqualTo(json("{\"type\":\"ack\",\"id\":\"x1\"}"));
        SignalAccepted signal = awaitSignal(user, "x1");
        assertThat(signal.from()).isEqualTo(user);
        assertThat(signal.content().text()).isEqualTo("{\"type\":\"offer\"}");
    }

    @Test
    void aWrongKeyIsRefusedOnEveryTransportAndWritesNothing() throws Exception {
        String user = newUser();
        newSession(user, GATEWAY_ID);
        String wrongKey = ListeningKeys.generate();

        assertThat(rawWebSocketStatus(user, wrongKey)).contains("403");
        assertThat(xhrRefusal(user, wrongKey)).isEqualTo(new CloseStatus(4403, "invalid-key"));
        assertNothingReportedFor(user);
    }

    @Test
    void aSessionOfAnotherGatewayIsRefusedAndWritesNothing() throws Exception {
        String user = newUser();
        Session session = newSession(user, "gw-elsewhere");

        assertThat(rawWebSocketStatus(user, session.key())).contains("403");
        assertThat(xhrRefusal(user, session.key())).isEqualTo(new CloseStatus(4403, "wrong-gateway"));
        assertNothingReportedFor(user);
    }

    @Test
    void anUnknownUserIsRefusedAfterTheBoundedWait() throws Exception {
        String user = newUser();

        assertThat(xhrRefusal(user, ListeningKeys.generate())).isEqualTo(new CloseStatus(4403, "no-session"));
        assertNothingReportedFor(user);
    }

    @Test
    void aSecondConnectionForTheSameSessionIsRefused() throws Exception {
        String user = newUser();
        Session session = newSession(user, GATEWAY_ID);
        Client first = connect(webSocketClient(), user, session.key());
        awaitReport(user, ConnectionOpened.class);

        assertThat(rawWebSocketStatus(user, session.key())).contains("403");
        assertThat(xhrRefusal(user, session.key())).isEqualTo(new CloseStatus(4403, "already-connected"));
        assertThat(first.session().isOpen()).isTrue();
        holdNegative(() -> reportsFor(user).size() == 1);
    }

    @Test
    void aSessionRowWrittenAfterTheHandshakeStartedIsStillAccepted() throws Exception {
        String user = newUser();
        String key = ListeningKeys.generate();
        double waitsBefore = handshakeWaits();

        CompletableFuture<WebSocketSession> opening = webSocketClient().execute(new Frames(), null,
                sockJsUri(user, key));
        // the gateway's view has no row yet; the handshake waits (up to handshake-wait, 3
        // s here) for it
        await().atMost(Duration.ofSeconds(3)).until(() -> handshakeWaits() > waitsBefore);
        Session session = writeSession(user, key, GATEWAY_ID);

        WebSocketSession opened = opening.get(5, TimeUnit.SECONDS);
        openSessions.add(opened);
        assertThat(opened.isOpen()).isTrue();
        assertThat(awaitReport(user, ConnectionOpened.class).sessionId()).isEqualTo(session.sessionId());
    }

    // --- frames from the client ---

    @Test
    void anAcceptedFrameIsAppendedToTheSignalLogThenAcked() throws Exception {
        String user = newUser();
        Session session = newSession(user, GATEWAY_ID);
        Client client = connect(webSocketClient(), user, session.key());
        String content = "{\"sdp\":\"v=0\\r\\no=- 4611 2 IN IP4 127.0.0.1\\r\\n\",\"mids\":[0,1]}";

        client.send("{\"to\":\"bob.it\",\"id\":\"m-1\",\"from\":\"" + user + "\",\"content\":" + content + "}");

        assertThat(client.next()).isEqualTo(json("{\"type\":\"ack\",\"id\":\"m-1\"}"));
        SignalAccepted signal = awaitSignal("bob.it", "m-1");
        assertThat(signal).isEqualTo(new SignalAccepted("m-1", user, "bob.it", RawJson.trusted(content),
                signal.sentAt(), session.sessionId(), GATEWAY_ID, identity.deliveryPartitions().get(0)));
        assertThat(signal.sentAt()).isBetween(Instant.now().minusSeconds(10), Instant.now());

        client.send("{\"to\":\"bob.it\"}");

        JsonNode ack = client.next();
        assertThat(ack.get("type").stringValue()).isEqualTo("ack");
        assertThat(awaitSignal("bob.it", ack.get("id").stringValue()).content()).isEqualTo(RawJson.NULL);
    }

    @Test
    void everyBadFrameIsAnsweredWithItsCodeAndTheConnectionStaysOpen() throws Exception {
        String user = newUser();
        Session session = newSession(user, GATEWAY_ID);
        Client client = connect(webSocketClient(), user, session.key());

        client.send("not json");
        assertError(client.next(), null, "invalid-message");
        client.send("[1,2]");
        assertError(client.next(), null, "invalid-message");
        client.send("{\"to\":\"bob\",\"id\":5}");
        assertError(client.next(), null, "invalid-message");
        client.send("{\"id\":\"e1\",\"content\":1}");
        assertError(client.next(), "e1", "invalid-message");
        client.send("{\"id\":\"e2\",\"to\":\"bob\",\"content\":" + "[".repeat(600) + "]".repeat(600) + "}");
        assertError(client.next(), "e2", "invalid-message");

        // burst of 5, refilled at 1/s: five bad messages took every token, so a good one
        // now is over the rate
        client.send("{\"id\":\"r0\",\"to\":\"bob\"}");
        assertError(client.next(), "r0", "rate-limited");
        assertThat(client.session().isOpen()).isTrue();
        holdNegative(() -> signalsTo("bob").stream().noneMatch(signal -> signal.id().equals("r0")));
    }

    @Test
    void badAndGoodFramesShareTheRateLimit() throws Exception {
        String user = newUser();
        Session session = newSession(user, GATEWAY_ID);
        Client client = connect(webSocketClient(), user, session.key());

        client.send("{\"id\":\"e3\",\"to\":\"bob\",\"from\":\"mallory\"}");
        assertError(client.next(), "e3", "from-mismatch");
        client.send("{\"id\":\"e4\",\"to\":\"bob\",\"content\":\"" + "x".repeat(70_000) + "\"}");
        assertError(client.next(), "e4", "message-too-large");

        // burst of 5, refilled at 1/s: two went to bad frames, so of five good frames
        // sent at once the last is over
        for (int i = 1; i <= 5; i++) {
            client.send("{\"id\":\"r" + i + "\",\"to\":\"bob\"}");
        }
        List<JsonNode> answers = List.of(client.next(), client.next(), client.next(), client.next(), client.next());
        Map<String, String> outcomeById = answers.stream()
            .collect(Collectors.toMap(frame -> frame.get("id").stringValue(),
                    frame -> frame.get("type").stringValue().equals("ack") ? "ack" : frame.get("code").stringValue()));
        assertThat(outcomeById).containsEntry("r1", "ack")
            .containsEntry("r3", "ack")
            .containsEntry("r5", "rate-limited");
        assertThat(client.session().isOpen()).isTrue();
        holdNegative(() -> signalsTo("bob").stream().noneMatch(signal -> signal.id().equals("r5")));
        assertThat(signalsTo("bob")).extracting(SignalAccepted::id)
            .contains("r1", "r2", "r3")
            .doesNotContain("e3", "e4");
    }

    // --- deliveries ---

    @Test
    void aDeliveryReachesItsConnectionOnceWithTheContentAsSent() throws Exception {
        String user = newUser();
        Session session = newSession(user, GATEWAY_ID);
        Client client = connect(xhrClient(), user, session.key());
        JsonNode content = json("{\"sdp\":\"v=0\\r\\na=group:BUNDLE 0\\r\\n\",\"candidates\":[{\"candidate\":"
                + "\"candidate:1 1 UDP 2122260223 10.0.0.2 54321 typ host\",\"sdpMLineIndex\":0}],\"n\":1.5,"
                + "\"big\":12345678901234567890,\"text\":\"é ✓ \uD83D\uDE00\",\"nested\":{\"none\":null,\"yes\":true}}");
        Instant sentAt = Instant.now();

        deliver(signalTo(user, session.sessionId(), "d1", content, sentAt, 10));
        deliver(signalTo(user, session.sessionId(), "d1", content, sentAt, 10)); // a
                                                                                 // replay
                                                                                 // by the
                                                                                 // relay
        deliver(new SignalDelivery("gw-sharing-the-partition", identity.deliveryPartitions().get(0), user,
                session.sessionId(), "not-mine", "alice", user, RawJson.of(content), sentAt, "s", "gw", 0, 1, 11));
        deliver(signalTo(user, session.sessionId(), "d2", json("\"second\""), sentAt, 12));

        JsonNode first = client.next();
        assertThat(first).isEqualTo(json("{\"type\":\"signal\",\"id\":\"d1\",\"from\":\"sender.it\",\"to\":\"" + user
                + "\",\"content\":" + Json.mapper().writeValueAsString(content) + ",\"sentAt\":\"" + sentAt + "\"}"));
        assertThat(client.next().get("id").stringValue()).isEqualTo("d2");
        client.assertNoMoreFrames();
        assertThat(reportsFor(user)).noneMatch(DeliveryFailed.class::isInstance);
    }

    @Test
    void aRejectionReachesItsSenderOnce() throws Exception {
        String user = newUser();
        Session session = newSession(user, GATEWAY_ID);
        Client client = connect(webSocketClient(), user, session.key());

        deliver(rejectionFor(user, session.sessionId(), "m-9", 2, 40));
        deliver(rejectionFor(user, session.sessionId(), "m-9", 2, 40));
        deliver(rejectionFor(user, session.sessionId(), "m-8", 1, 3));

        assertThat(client.next())
            .isEqualTo(json("{\"type\":\"error\",\"id\":\"m-9\",\"code\":\"recipient-unavailable\","
                    + "\"message\":\"the recipient has no session\"}"));
        assertThat(client.next().get("id").stringValue()).isEqualTo("m-8");
        client.assertNoMoreFrames();
    }

    @Test
    void aSignalTheRelayDeliveredIsAnsweredToItsSenderWithAReceiptOneWrittenStraightIsNot() throws Exception {
        String user = newUser();
        Session session = newSession(user, GATEWAY_ID);
        Client client = connect(webSocketClient(), user, session.key());

        deliver(signalTo(user, session.sessionId(), "through-relay", json("1"), Instant.now(), 20));
        deliver(signalTo(user, session.sessionId(), "straight", json("2"), Instant.now(), 21)
            .withSource(SignalDelivery.DIRECT, SignalDelivery.DIRECT));

        assertThat(client.next().get("id").stringValue()).isEqualTo("through-relay");
        assertThat(client.next().get("id").stringValue()).isEqualTo("straight");
        SignalReceipt receipt = await().atMost(ROUND_TRIP)
            .until(() -> receiptsFor(user).stream().findFirst().orElse(null), Objects::nonNull);
        assertThat(receipt)
            .isEqualTo(new SignalReceipt("gw-other", 2, "sender.it", "s-sender", "through-relay", user, 1, 20));
        holdNegative(() -> receiptsFor(user).size() == 1);
    }

    @Test
    void aDeliveryForAUserNotConnectedIsReportedAsFailed() {
        String user = newUser();
        SignalDelivery delivery = signalTo(user, "s-gone", "lost-1", json("{\"a\":1}"), Instant.now(), 77);

        deliver(delivery);

        DeliveryFailed failed = awaitReport(user, DeliveryFailed.class);
        assertThat(failed).isEqualTo(new DeliveryFailed(user, delivery, failed.at()));
    }

    @Test
    void unreadableRecordsAreSkippedWithoutStallingTheirPartition() throws Exception {
        String user = newUser();
        double skippedBefore = skipped();
        relay.send(new ProducerRecord<>(topics.sessions().name(), user, "{not json".getBytes())).get();
        Session session = newSession(user, GATEWAY_ID); // same partition, after the bad
                                                        // record
        Client client = connect(webSocketClient(), user, session.key());

        relay
            .send(new ProducerRecord<>(topics.deliveries().name(), identity.deliveryPartitions().get(0), user,
                    "{\"type\":\"no-such-type\"}".getBytes()))
            .get();
        deliver(signalTo(user, session.sessionId(), "after-bad", json("1"), Instant.now(), 1));

        assertThat(client.next().get("id").stringValue()).isEqualTo("after-bad");
        assertThat(skipped() - skippedBefore).isEqualTo(2);
    }

    // --- session table and registry ---

    @Test
    void aDeletedSessionClosesItsConnectionWithinTwoSeconds() throws Exception {
        String user = newUser();
        Session session = newSession(user, GATEWAY_ID);
        Client client = connect(webSocketClient(), user, session.key());
        awaitReport(user, ConnectionOpened.class);

        relay.send(new ProducerRecord<>(topics.sessions().name(), user, null)).get();

        // The contract's bound for the closing after a DELETE; here only its last part
        // (row to close) is measured.
        CloseStatus status = client.closed().get(UnderLoad.contractBound().toMillis(), TimeUnit.MILLISECONDS);
        assertThat(status.getCode()).isEqualTo(4001);
        holdNegative(() -> reportsFor(user).stream().noneMatch(ConnectionClosed.class::isInstance));
    }

    @Test
    void heartbeatsAnnounceTheGatewayAndItsPartitions() {
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(written).anySatisfy(record -> {
            assertThat(record.topic()).isEqualTo(topics.gateways().name());
            assertThat(record.key()).isEqualTo(GATEWAY_ID);
            GatewayHeartbeat heartbeat = (GatewayHeartbeat) record.value();
            assertThat(heartbeat.listeningAddress()).isEqualTo("http://127.0.0.1:" + port + "/ws");
            assertThat(heartbeat.deliveryPartitions()).isEqualTo(identity.deliveryPartitions());
            // One start time per process, in every beat: a later one tells the relay this
            // id restarted.
            assertThat(heartbeat.startedAt()).isEqualTo(identity.startedAt()).isBeforeOrEqualTo(heartbeat.at());
        }));
        assertThat(identity.deliveryPartitions()).containsExactly(Math.floorMod(GATEWAY_ID.hashCode(), 4));
    }

    @Test
    void corsAnswersConfiguredOriginsOnly() throws Exception {
        HttpResponse<String> allowed = http.send(HttpRequest.newBuilder(URI.create(base() + "/ws/info"))
            .header("Origin", "http://localhost:3000")
            .build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> refused = http.send(
                HttpRequest.newBuilder(URI.create(base() + "/ws/info")).header("Origin", "http://evil.example").build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(allowed.statusCode()).isEqualTo(200);
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).contains("http://localhost:3000");
        assertThat(refused.statusCode()).isEqualTo(403);
    }

    @Test
    void everyHttpTransportCarriesTheRefusalAsACloseFrameAfterTheOpenFrame() throws Exception {
        String user = newUser();
        newSession(user, GATEWAY_ID);
        String refusal = "c[4403,\"invalid-key\"]";

        assertThat(rawTransport("xhr_streaming", user).replace("h".repeat(2048) + "\n", ""))
            .isEqualTo("o\n" + refusal + "\n");
        assertThat(rawTransport("eventsource", user)).isEqualTo("\r\ndata: o\r\n\r\ndata: " + refusal + "\r\n\r\n");
        assertThat(rawTransport("htmlfile?c=callback", user)).contains("<script>", "p(\"o\");",
                "p(\"c[4403,\\\"invalid-key\\\"]\");");
        String pollingSession = "/ws/000/" + UUID.randomUUID().toString().substring(0, 8) + "/xhr";
        assertThat(post(pollingSession, user)).isEqualTo("o\n");
        assertThat(post(pollingSession, user)).isEqualTo(refusal + "\n"); // the next poll
                                                                          // carries the
                                                                          // close
        assertNothingReportedFor(user);
    }

    @Test
    void actuatorExposesHealthInfoAndPrometheusOnlyOnTheManagementPort() throws Exception {
        assertThat(management("/actuator/health").statusCode()).isEqualTo(200);
        assertThat(management("/actuator/info").statusCode()).isEqualTo(200);
        assertThat(management("/actuator/prometheus").body()).contains("signaling_gateway_connections",
                "signaling_gateway_signals_in_total", "signaling_gateway_relay_latency_seconds");
        assertThat(management("/actuator/env").statusCode()).isEqualTo(404);
        assertThat(management("/actuator/beans").statusCode()).isEqualTo(404);
        assertThat(managementPort).isNotEqualTo(port);
        for (String path : List.of("/actuator/health", "/actuator/prometheus", "/actuator")) {
            assertThat(get(path).statusCode()).as("the public port serves no actuator: %s", path).isEqualTo(404);
        }
    }

    @Test
    void neitherAcceptedNorRefusedHandshakesLogTheKey(CapturedOutput output) throws Exception {
        String user = newUser();
        Session session = newSession(user, GATEWAY_ID);
        String wrongKey = ListeningKeys.generate();
        loggingSystem.setLogLevel("io.signaling", LogLevel.DEBUG);
        try {
            assertThat(xhrRefusal(user, wrongKey).getCode()).isEqualTo(4403);
            Client client = connect(webSocketClient(), user, session.key());
            client.send("{\"to\":\"" + user + "\",\"content\":\"secret-content-" + user + "\"}");
            assertThat(client.next().get("type").stringValue()).isEqualTo("ack");
            client.session().close();
            awaitReport(user, ConnectionClosed.class);
        }
        finally {
            loggingSystem.setLogLevel("io.signaling", null);
        }
        assertThat(output.getAll()).contains("Connection opened for " + user)
            .doesNotContain(session.key(), wrongKey, "secret-content-" + user);
    }

    @Test
    void gracefulShutdownClosesConnectionsDeletesTheirSessionsAndWithdrawsTheGateway() throws Exception {
        String gatewayId = "gw-draining";
        // Command-line arguments: they outrank gateway.yml, unlike the builder's default
        // properties.
        ConfigurableApplicationContext second = new SpringApplicationBuilder(GatewayApplication.class).run(
                "--spring.config.name=" + GatewayApplication.CONFIG_NAME, "--server.port=0",
                "--management.server.port=0", "--spring.kafka.bootstrap-servers=" + broker.getBrokersAsString(),
                "--signaling.topics.prefix=gateway-it", "--signaling.topics.partitions=3",
                "--signaling.topics.delivery-partitions=4", "--signaling.gateway.id=" + gatewayId,
                "--signaling.gateway.heartbeat-interval=500ms");
        String user = newUser();
        Session session = writeSession(user, ListeningKeys.generate(), gatewayId);
        Frames frames = new Frames();
        WebSocketSession client;
        try {
            String secondBase = "http://127.0.0.1:" + ((WebServerApplicationContext) second).getWebServer().getPort();
            String secondManagement = "http://127.0.0.1:"
                    + second.getEnvironment().getProperty("local.management.port");
            await().atMost(Duration.ofSeconds(30))
                .until(() -> http
                    .send(HttpRequest.newBuilder(URI.create(secondManagement + "/actuator/health")).build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body()
                    .contains("\"UP\""));
            client = webSocketClient()
                .execute(frames, null, URI.create(secondBase + "/ws?userId=" + user + "&token=" + session.key()))
                .get(10, TimeUnit.SECONDS);
            awaitReport(user, ConnectionOpened.class);
        }
        finally {
            second.close();
        }

        assertThat(frames.closed.get(5, TimeUnit.SECONDS)).isEqualTo(new CloseStatus(1001, "gateway-shutdown"));
        assertThat(client.isOpen()).isFalse();
        ConnectionClosed closed = awaitReport(user, ConnectionClosed.class);
        assertThat(closed).isEqualTo(
                new ConnectionClosed(user, session.sessionId(), gatewayId, DeleteReason.GATEWAY_SHUTDOWN, closed.at()));
        await().atMost(ROUND_TRIP).until(() -> {
            List<Written> heartbeats = written.stream()
                .filter(record -> record.topic().equals(topics.gateways().name()) && gatewayId.equals(record.key()))
                .toList();
            return !heartbeats.isEmpty() && heartbeats.get(heartbeats.size() - 1).value() == null;
        });
    }

    // --- helpers ---

    private record Session(String sessionId, String key) {
    }

    private String newUser() {
        return "user-" + USERS.incrementAndGet() + "." + UUID.randomUUID().toString().substring(0, 8);
    }

    private Session newSession(String user, String gatewayId) throws Exception {
        return writeSession(user, ListeningKeys.generate(), gatewayId);
    }

    private Session writeSession(String user, String key, String gatewayId) throws Exception {
        String sessionId = UUID.randomUUID().toString();
        Instant now = Instant.now();
        SessionState row = new SessionState(user, sessionId, ListeningKeys.hash(key), gatewayId, base() + "/ws",
                identity.deliveryPartitions().get(0), false, now, now.plusSeconds(30), null);
        relay
            .send(new ProducerRecord<>(topics.sessions().name(), user,
                    topics.sessions().valueSerde().serializer().serialize(topics.sessions().name(), row)))
            .get();
        return new Session(sessionId, key);
    }

    private void deliver(Delivery delivery) {
        try {
            relay
                .send(new ProducerRecord<>(topics.deliveries().name(), delivery.deliveryPartition(), delivery.userId(),
                        topics.deliveries().valueSerde().serializer().serialize(topics.deliveries().name(), delivery)))
                .get();
        }
        catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    private SignalDelivery signalTo(String user, String sessionId, String id, JsonNode content, Instant sentAt,
            long sourceOffset) {
        return new SignalDelivery(GATEWAY_ID, identity.deliveryPartitions().get(0), user, sessionId, id, "sender.it",
                user, RawJson.of(content), sentAt, "s-sender", "gw-other", 2, 1, sourceOffset);
    }

    private SignalRejection rejectionFor(String user, String sessionId, String id, int sourcePartition,
            long sourceOffset) {
        return new SignalRejection(GATEWAY_ID, identity.deliveryPartitions().get(0), user, sessionId, id, "nobody",
                RejectionReason.NO_SESSION, sourcePartition, sourceOffset);
    }

    /** Receipts for signals to {@code user}, in the senders' partitions. */
    private List<SignalReceipt> receiptsFor(String user) {
        return written.stream()
            .filter(record -> record.value() instanceof SignalReceipt receipt && receipt.to().equals(user))
            .map(record -> (SignalReceipt) record.value())
            .toList();
    }

    private List<GatewayReport> reportsFor(String user) {
        return written.stream()
            .filter(record -> record.topic().equals(topics.gatewayReports().name()) && user.equals(record.key()))
            .map(record -> (GatewayReport) record.value())
            .toList();
    }

    private <R extends GatewayReport> R awaitReport(String user, Class<R> type) {
        return type.cast(await().atMost(ROUND_TRIP)
            .until(() -> reportsFor(user).stream().filter(type::isInstance).findFirst().orElse(null),
                    Objects::nonNull));
    }

    private void assertNothingReportedFor(String user) {
        holdNegative(() -> reportsFor(user).isEmpty());
    }

    /**
     * A negative check, held as long as a wrongful write would take to reach this test's
     * consumer: the contract's time for an effect under load. The first wrongful record
     * seen fails it.
     */
    private static void holdNegative(java.util.concurrent.Callable<Boolean> stillTrue) {
        Duration window = UnderLoad.contractBound();
        await().during(window).atMost(window.plusSeconds(5)).until(stillTrue);
    }

    private List<SignalAccepted> signalsTo(String user) {
        return written.stream()
            .filter(record -> record.topic().equals(topics.signals().name()) && user.equals(record.key()))
            .map(record -> (SignalAccepted) record.value())
            .toList();
    }

    private SignalAccepted awaitSignal(String to, String id) {
        return await().atMost(ROUND_TRIP)
            .until(() -> signalsTo(to).stream().filter(signal -> signal.id().equals(id)).findFirst().orElse(null),
                    Objects::nonNull);
    }

    private double skipped() {
        return meters.find("signaling.gateway.records.skipped").counters().stream().mapToDouble(c -> c.count()).sum();
    }

    private double handshakeWaits() {
        return meters.counter("signaling.gateway.handshake.waits").count();
    }

    private static void assertError(JsonNode frame, String id, String code) {
        assertThat(frame.get("type").stringValue()).isEqualTo("error");
        assertThat(frame.get("code").stringValue()).isEqualTo(code);
        assertThat(frame.get("message").stringValue()).isNotBlank();
        if (id == null) {
            assertThat(frame.has("id")).isFalse();
        }
        else {
            assertThat(frame.get("id").stringValue()).isEqualTo(id);
        }
    }

    private static JsonNode json(String text) {
        return Json.mapper().readTree(text);
    }

    private String base() {
        return "http://127.0.0.1:" + port;
    }

    private URI sockJsUri(String user, String token) {
        return URI.create(base() + "/ws?userId=" + user + "&token=" + token);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> management(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static SockJsClient webSocketClient() {
        return new SockJsClient(List.of(new WebSocketTransport(new StandardWebSocketClient())));
    }

    private static SockJsClient xhrClient() {
        return new SockJsClient(List.of(new RestTemplateXhrTransport()));
    }

    private Client connect(SockJsClient sockJs, String user, String token) throws Exception {
        Frames frames = new Frames();
        WebSocketSession session = sockJs.execute(frames, null, sockJsUri(user, token)).get(10, TimeUnit.SECONDS);
        openSessions.add(session);
        return new Client(session, frames);
    }

    /**
     * The close status an xhr client gets when refused: the session opens, then closes
     * with 4403.
     */
    private CloseStatus xhrRefusal(String user, String token) throws Exception {
        CloseStatus streaming = connect(xhrClient(), user, token).closed().get(10, TimeUnit.SECONDS);
        RestTemplateXhrTransport polling = new RestTemplateXhrTransport();
        polling.setXhrStreamingDisabled(true);
        CloseStatus polled = connect(new SockJsClient(List.of(polling)), user, token).closed()
            .get(10, TimeUnit.SECONDS);
        assertThat(polled).isEqualTo(streaming);
        return streaming;
    }

    /**
     * The whole body of a new session's first request on an HTTP transport, refused for a
     * wrong key.
     */
    private String rawTransport(String transport, String user) throws Exception {
        String separator = transport.contains("?") ? "&" : "?";
        URI uri = URI.create(base() + "/ws/000/" + UUID.randomUUID().toString().substring(0, 8) + "/" + transport
                + separator + "userId=" + user + "&token=" + ListeningKeys.generate());
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10));
        request = transport.startsWith("xhr") ? request.POST(HttpRequest.BodyPublishers.noBody()) : request.GET();
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private String post(String path, String user) throws Exception {
        URI uri = URI.create(base() + path + "?userId=" + user + "&token=wrong-" + user);
        return http
            .send(HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build(), HttpResponse.BodyHandlers.ofString())
            .body();
    }

    /**
     * What a plain WebSocket client gets on the raw SockJS websocket URL: the failure's
     * text.
     */
    private String rawWebSocketStatus(String user, String token) {
        URI uri = URI.create("ws://127.0.0.1:" + port + "/ws/000/" + UUID.randomUUID().toString().substring(0, 8)
                + "/websocket?userId=" + user + "&token=" + token);
        CompletableFuture<WebSocketSession> attempt = new StandardWebSocketClient().execute(new Frames(), null, uri);
        try {
            WebSocketSession session = attempt.get(10, TimeUnit.SECONDS);
            openSessions.add(session);
            return "opened";
        }
        catch (ExecutionException e) {
            StringBuilder messages = new StringBuilder();
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                messages.append(cause.getMessage()).append(" | ");
            }
            return messages.toString();
        }
        catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private record Client(WebSocketSession session, Frames frames) {

        void send(String text) throws Exception {
            session.sendMessage(new TextMessage(text));
        }

        JsonNode next() {
            return await().atMost(ROUND_TRIP).until(frames.received::poll, Objects::nonNull);
        }

        CompletableFuture<CloseStatus> closed() {
            return frames.closed;
        }

        void assertNoMoreFrames() {
            holdNegative(frames.received::isEmpty);
        }
    }

    private static final class Frames extends TextWebSocketHandler {

        private final BlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();

        private final CompletableFuture<CloseStatus> closed = new CompletableFuture<>();

        @Override
        protected void handleTextMessage(WebSocketSession session, TextMessage message) {
            received.add(json(message.getPayload()));
        }

        @Override
        public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
            closed.complete(status);
        }

    }

}

package io.signaling.schemas;

import io.signaling.schemas.delivery.RejectionReason;
import io.signaling.schemas.delivery.SignalDelivery;
import io.signaling.schemas.delivery.SignalReceipt;
import io.signaling.schemas.delivery.SignalRejection;
import io.signaling.schemas.gateway.ConnectionClosed;
import io.signaling.schemas.gateway.ConnectionOpened;
import io.signaling.schemas.gateway.DeliveryFailed;
import io.signaling.schemas.gateway.GatewayHeartbeat;
import io.signaling.schemas.json.Json;
import io.signaling.schemas.json.RawJson;
import io.signaling.schemas.security.ListeningKeys;
import io.signaling.schemas.session.CreateSession;
import io.signaling.schemas.session.DeleteReason;
import io.signaling.schemas.session.EndSession;
import io.signaling.schemas.session.SessionAcked;
import io.signaling.schemas.session.SessionCreated;
import io.signaling.schemas.session.SessionDeleted;
import io.signaling.schemas.session.SessionExpired;
import io.signaling.schemas.session.SessionRefused;
import io.signaling.schemas.session.SessionState;
import io.signaling.schemas.signal.SignalAccepted;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Realistic records of one story (alice signals bob across two gateways), shared by the
 * tests of this module and, through the test-jar, by the other modules. Instants carry
 * microseconds, as {@code Instant.now()} does, so serialization is tested at the
 * precision the services produce.
 */
public final class Samples {

    public static final Instant T0 = Instant.parse("2025-06-01T09:30:00.123456Z");

    public static final Duration TTL = Duration.ofSeconds(30);

    public static final String ALICE = "alice";

    public static final String BOB = "bob.smith@example-1";

    public static final String ALICE_SESSION = "0b9f1c2e-4d5a-4e6f-8a7b-9c0d1e2f3a4b";

    public static final String BOB_SESSION = "7c6d5e4f-3a2b-4c1d-9e8f-7a6b5c4d3e2f";

    public static final String ALICE_KEY_HASH = ListeningKeys.hash("alice's listening key");

    public static final String BOB_KEY_HASH = ListeningKeys.hash("bob's listening key");

    public static final String GATEWAY_1 = "gateway-1";

    public static final String GATEWAY_2 = "gateway-2";

    public static final String GATEWAY_1_ADDRESS = "http://127.0.0.1:8081/ws";

    public static final String GATEWAY_2_ADDRESS = "http://127.0.0.1:8082/ws";

    private Samples() {
    }

    public static JsonNode sdpOffer() {
        return Json.mapper()
            .readTree(
                    """
                            {"type":"offer","sdp":"v=0\\r\\no=- 4611731400430051336 2 IN IP4 127.0.0.1\\r\\ns=-\\r\\nt=0 0\\r\\na=group:BUNDLE 0\\r\\nm=audio 9 UDP/TLS/RTP/SAVPF 111\\r\\n"}""");
    }

    public static JsonNode iceCandidate() {
        return Json.mapper()
            .readTree(
                    """
                            {"candidate":"candidate:842163049 1 udp 1677729535 192.0.2.10 50000 typ srflx raddr 0.0.0.0 rport 0","sdpMid":"0","sdpMLineIndex":0,"usernameFragment":null}""");
    }

    /**
     * Content is any JSON value: these are the shapes a client may send besides objects.
     */
    public static List<JsonNode> otherContents() {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        return List.of(nodes.stringNode("hello"), nodes.numberNode(42),
                nodes.numberNode(new java.math.BigDecimal("1.5")), nodes.booleanNode(true),
                nodes.arrayNode().add(1).add("two").addNull(), nodes.nullNode());
    }

    public static CreateSession createSession() {
        return new CreateSession(ALICE, ALICE_SESSION, ALICE_KEY_HASH, GATEWAY_1, GATEWAY_1_ADDRESS, 1, T0);
    }

    public static EndSession endSession() {
        return new EndSession(ALICE, ALICE_SESSION, T0.plusSeconds(60));
    }

    public static SessionCreated sessionCreated() {
        return new SessionCreated(ALICE, ALICE_SESSION, ALICE_KEY_HASH, GATEWAY_1, GATEWAY_1_ADDRESS, 1,
                T0.plusMillis(3), T0.plusMillis(3).plus(TTL));
    }

    public static SessionCreated bobCreated() {
        return new SessionCreated(BOB, BOB_SESSION, BOB_KEY_HASH, GATEWAY_2, GATEWAY_2_ADDRESS, 2, T0.plusMillis(5),
                T0.plusMillis(5).plus(TTL));
    }

    public static SessionRefused sessionRefused() {
        return new SessionRefused(ALICE, "3e2d1c0b-a987-4654-8321-0fedcba98765", SessionRefused.USER_ID_TAKEN,
                T0.plusSeconds(2));
    }

    public static SessionAcked sessionAcked() {
        return new SessionAcked(ALICE, ALICE_SESSION, GATEWAY_1, T0.plusMillis(420));
    }

    public static SessionDeleted sessionDeleted() {
        return new SessionDeleted(ALICE, ALICE_SESSION, DeleteReason.CONNECTION_CLOSED, T0.plusSeconds(90));
    }

    public static SessionExpired sessionExpired() {
        return new SessionExpired(BOB, BOB_SESSION, T0.plusMillis(5).plus(TTL).plusMillis(700));
    }

    public static SessionState unackedState() {
        SessionCreated created = sessionCreated();
        return new SessionState(ALICE, ALICE_SESSION, ALICE_KEY_HASH, GATEWAY_1, GATEWAY_1_ADDRESS, 1, false,
                created.at(), created.expiresAt(), null);
    }

    public static SessionState ackedState() {
        return unackedState().ack(sessionAcked().at());
    }

    public static SignalAccepted signalAccepted(JsonNode content) {
        return new SignalAccepted("m-0001", ALICE, BOB, RawJson.of(content), T0.plusSeconds(1), ALICE_SESSION,
                GATEWAY_1, 1);
    }

    public static SignalAccepted signalAccepted() {
        return signalAccepted(sdpOffer());
    }

    public static SignalDelivery signalDelivery(JsonNode content) {
        return new SignalDelivery(GATEWAY_2, 2, BOB, BOB_SESSION, "m-0001", ALICE, BOB, RawJson.of(content),
                T0.plusSeconds(1), ALICE_SESSION, GATEWAY_1, 1, 5, 1_234_567L);
    }

    public static SignalDelivery signalDelivery() {
        return signalDelivery(sdpOffer());
    }

    /** A signal the sender's gateway wrote straight to the recipient's partition. */
    public static SignalDelivery directDelivery() {
        return signalDelivery().withSource(SignalDelivery.DIRECT, SignalDelivery.DIRECT);
    }

    public static SignalReceipt signalReceipt() {
        return new SignalReceipt(GATEWAY_1, 1, ALICE, ALICE_SESSION, "m-0001", BOB, 5, 1_234_567L);
    }

    public static SignalRejection signalRejection() {
        return new SignalRejection(GATEWAY_1, 1, ALICE, ALICE_SESSION, "m-0001", BOB, RejectionReason.NO_SESSION, 5,
                1_234_567L);
    }

    public static ConnectionOpened connectionOpened() {
        return new ConnectionOpened(ALICE, ALICE_SESSION, GATEWAY_1, T0.plusMillis(400));
    }

    public static ConnectionClosed connectionClosed() {
        return new ConnectionClosed(ALICE, ALICE_SESSION, GATEWAY_1, DeleteReason.CONNECTION_LOST, T0.plusSeconds(80));
    }

    public static DeliveryFailed deliveryFailed() {
        return new DeliveryFailed(BOB, signalDelivery(iceCandidate()), T0.plusSeconds(2));
    }

    public static GatewayHeartbeat gatewayHeartbeat() {
        return new GatewayHeartbeat(GATEWAY_1, GATEWAY_1_ADDRESS, List.of(1, 17), 42, 5000, true, T0.plusSeconds(5),
                T0);
    }

    /**
     * Samples of every record type written to Kafka, several where a field takes distinct
     * shapes ({@code content}, {@code acked}, every {@link DeleteReason}).
     */
    public static Map<Class<? extends Record>, List<Record>> byType() {
        Map<Class<? extends Record>, List<Record>> samples = new LinkedHashMap<>();
        samples.put(CreateSession.class, List.of(createSession()));
        samples.put(EndSession.class, List.of(endSession()));
        samples.put(SessionCreated.class, List.of(sessionCreated(), bobCreated()));
        samples.put(SessionRefused.class, List.of(sessionRefused()));
        samples.put(SessionAcked.class, List.of(sessionAcked()));
        samples.put(SessionDeleted.class,
                Arrays.stream(DeleteReason.values())
                    .map(reason -> (Record) new SessionDeleted(ALICE, ALICE_SESSION, reason, T0.plusSeconds(90)))
                    .toList());
        samples.put(SessionExpired.class, List.of(sessionExpired()));
        samples.put(SessionState.class, List.of(unackedState(), ackedState()));
        samples.put(SignalAccepted.class, withContents(Samples::signalAccepted));
        samples.put(ConnectionOpened.class, List.of(connectionOpened()));
        samples.put(ConnectionClosed.class, Arrays.stream(DeleteReason.values())
            .map(reason -> (Record) new ConnectionClosed(ALICE, ALICE_SESSION, GATEWAY_1, reason, T0.plusSeconds(80)))
            .toList());
        samples.put(DeliveryFailed.class, List.of(deliveryFailed()));
        samples.put(GatewayHeartbeat.class, List.of(gatewayHeartbeat()));
        List<Record> deliveries = new ArrayList<>(withContents(Samples::signalDelivery));
        deliveries.add(directDelivery());
        samples.put(SignalDelivery.class, List.copyOf(deliveries));
        samples.put(SignalRejection.class, List.of(signalRejection()));
        samples.put(SignalReceipt.class, List.of(signalReceipt()));
        return samples;
    }

    public static List<Record> all() {
        return byType().values().stream().flatMap(List::stream).toList();
    }

    /**
     * The type a topic's serde is declared with for {@code recordType}: its sealed family
     * ({@code SessionEvent}, ...) when it has one, which is what puts {@code "type"} in
     * the JSON.
     */
    @SuppressWarnings("unchecked")
    public static Class<Object> valueType(Class<?> recordType) {
        for (Class<?> candidate : recordType.getInterfaces()) {
            if (candidate.isSealed()) {
                return (Class<Object>) candidate;
            }
        }
        return (Class<Object>) recordType;
    }

    private static List<Record> withContents(Function<JsonNode, Record> withContent) {
        List<Record> records = new ArrayList<>();
        records.add(withContent.apply(sdpOffer()));
        records.add(withContent.apply(iceCandidate()));
        otherContents().forEach(content -> records.add(withContent.apply(content)));
        return List.copyOf(records);
    }

}

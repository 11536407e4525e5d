package io.signaling.schemas.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.signaling.schemas.Samples;
import io.signaling.schemas.delivery.Delivery;
import io.signaling.schemas.delivery.SignalDelivery;
import io.signaling.schemas.gateway.DeliveryFailed;
import io.signaling.schemas.gateway.GatewayHeartbeat;
import io.signaling.schemas.gateway.GatewayReport;
import io.signaling.schemas.session.SessionCommand;
import io.signaling.schemas.session.SessionEvent;
import io.signaling.schemas.session.SessionState;
import io.signaling.schemas.signal.SignalAccepted;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.Stream;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What every consumer relies on: records survive the trip through Kafka unchanged,
 * tombstones stay null, and anything unreadable raises {@link SerializationException}
 * (which they log by topic/partition/offset, count and skip) without carrying the
 * record's content.
 */
class SerdesTest {

    private static final String TOPIC = "signaling.test";

    static Stream<Named<Record>> samples() {
        return Samples.all().stream().map(sample -> Named.of(sample.getClass().getSimpleName(), sample));
    }

    @ParameterizedTest(name = "{index} {0}")
    @MethodSource("samples")
    void recordRoundTripsThroughTheSerdeOfItsFamily(Record sample) {
        Serde<Object> serde = Serdes.json(Samples.valueType(sample.getClass()));

        byte[] bytes = serde.serializer().serialize(TOPIC, sample);
        Object read = serde.deserializer().deserialize(TOPIC, new RecordHeaders(), bytes);

        assertThat(read).isInstanceOf(sample.getClass()).isEqualTo(sample);
    }

    @Test
    void aDirectDeliveryIsWrittenWithTheRecordsFieldsOnly() {
        byte[] bytes = Serdes.json(Delivery.class).serializer().serialize(TOPIC, Samples.directDelivery());

        JsonNode written = Json.mapper().readTree(bytes);
        assertThat(written.propertyNames()).containsExactlyInAnyOrder("type", "gatewayId", "deliveryPartition",
                "userId", "sessionId", "id", "from", "to", "content", "sentAt", "senderSessionId", "senderGatewayId",
                "senderDeliveryPartition", "sourcePartition", "sourceOffset");
        assertThat(written.get("sourcePartition").intValue()).isEqualTo(SignalDelivery.DIRECT);
    }

    @Test
    void aDirectDeliveryIsNamedByWhereItIsRead() {
        SignalDelivery read = Samples.directDelivery().withSource(SignalDelivery.directSource(4), 99);

        assertThat(read.direct()).isTrue();
        assertThat(read.sourcePartition()).isEqualTo(-6).isNotEqualTo(SignalDelivery.directSource(5));
        assertThat(read.sourceOffset()).isEqualTo(99);
        assertThat(Samples.signalDelivery().direct()).isFalse();
    }

    @Test
    void tombstonesStayNull() {
        Serde<SessionState> sessions = Serdes.json(SessionState.class);
        Serde<GatewayHeartbeat> gateways = Serdes.json(GatewayHeartbeat.class);

        assertThat(sessions.serializer().serialize(TOPIC, null)).isNull();
        assertThat(sessions.deserializer().deserialize(TOPIC, null)).isNull();
        assertThat(gateways.deserializer().deserialize(TOPIC, new RecordHeaders(), (byte[]) null)).isNull();
    }

    @Test
    void familyMembersCarryTheirTypeAndNoKafkaTypeHeaders() {
        RecordHeaders headers = new RecordHeaders();

        byte[] bytes = Serdes.json(SessionEvent.class).serializer().serialize(TOPIC, headers, Samples.sessionAcked());

        assertThat(Json.mapper().readTree(bytes).get("type").stringValue()).isEqualTo("session-acked");
        assertThat(headers.toArray()).isEmpty();
    }

    @Test
    void fieldsAddedByANewerWriterAreIgnored() {
        Serde<SessionCommand> serde = Serdes.json(SessionCommand.class);
        ObjectNode newer = (ObjectNode) Json.mapper()
            .readTree(serde.serializer().serialize(TOPIC, Samples.createSession()));
        newer.put("addedLater", "something");

        assertThat(serde.deserializer().deserialize(TOPIC, Json.mapper().writeValueAsBytes(newer)))
            .isEqualTo(Samples.createSession());
    }

    @ParameterizedTest
    @ValueSource(strings = { "not json", "", "{\"type\":\"session-created\",\"userId\":", "[]", "42", "{}",
            "{\"type\":\"session-teleported\",\"userId\":\"alice\",\"sessionId\":\"s\",\"at\":\"2025-06-01T09:30:00Z\"}",
            "{\"type\":\"session-acked\",\"userId\":\"alice\",\"sessionId\":\"s\",\"gatewayId\":\"g\",\"at\":\"not an instant\"}" })
    void unreadableRecordRaisesSerializationException(String value) {
        Serde<SessionEvent> serde = Serdes.json(SessionEvent.class);

        assertThatThrownBy(() -> serde.deserializer().deserialize(TOPIC, value.getBytes(StandardCharsets.UTF_8)))
            .isInstanceOf(SerializationException.class);
    }

    @Test
    void recordOfAnotherFamilyIsUnreadable() {
        byte[] event = Serdes.json(SessionEvent.class).serializer().serialize(TOPIC, Samples.sessionCreated());
        byte[] report = Serdes.json(GatewayReport.class).serializer().serialize(TOPIC, Samples.connectionOpened());

        assertThatThrownBy(() -> Serdes.json(SessionCommand.class).deserializer().deserialize(TOPIC, event))
            .isInstanceOf(SerializationException.class);
        assertThatThrownBy(() -> Serdes.json(Delivery.class).deserializer().deserialize(TOPIC, report))
            .isInstanceOf(SerializationException.class);
    }

    @Test
    void unreadableRecordsExceptionNamesTheTopicButNotTheContent() {
        // A signal whose content got mangled: consumers log the exception, so it must not
        // repeat it.
        String mangled = new String(
                Serdes.json(SignalAccepted.class).serializer().serialize(TOPIC, Samples.signalAccepted()),
                StandardCharsets.UTF_8)
            .replace("\"v=0", "v=0");
        byte[] bytes = mangled.getBytes(StandardCharsets.UTF_8);

        Throwable thrown = catchThrowable(
                () -> Serdes.json(SignalAccepted.class).deserializer().deserialize(TOPIC, bytes));

        assertThat(thrown).isInstanceOf(SerializationException.class)
            .hasMessageContaining(TOPIC)
            .hasMessageContaining("SignalAccepted");
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            assertThat(String.valueOf(t.getMessage())).doesNotContain("v=0")
                .doesNotContain("4611731400430051336")
                .doesNotContain(Arrays.toString(Arrays.copyOf(bytes, 8)).replace("]", ""));
        }
    }

    /**
     * A record that wraps a signal one level deeper, as the relay's held-signals store
     * once did.
     */
    record Wrapped(SignalAccepted signal) {
    }

    @Test
    void aSignalAsDeepAsAnyReaderAcceptsCanBeWrittenAgainWrapped() {
        // content nested MAX_READ_DEPTH - 1 deep: the signal record, one level more, is
        // exactly at the read limit
        byte[] deepest = signalWithContent(nested(Json.MAX_READ_DEPTH - 1, "\"deep-marker\""));
        SignalAccepted read = Serdes.json(SignalAccepted.class).deserializer().deserialize(TOPIC, deepest);

        byte[] again = Serdes.json(SignalAccepted.class).serializer().serialize(TOPIC, read);
        byte[] wrapped = Serdes.json(Wrapped.class).serializer().serialize(TOPIC, new Wrapped(read));

        assertThat(again).isEqualTo(deepest);
        // one level deeper than any reader accepts, so this is only ever written: the
        // relay stores raw bytes instead
        assertThat(new String(wrapped, StandardCharsets.UTF_8)).startsWith("{\"signal\":{\"id\":\"m-deep\"");
    }

    @Test
    void aSignalDeeperThanTheReadLimitIsUnreadableWithoutQuotingIt() {
        byte[] tooDeep = signalWithContent(nested(Json.MAX_READ_DEPTH, "\"deep-marker\""));

        Throwable thrown = catchThrowable(
                () -> Serdes.json(SignalAccepted.class).deserializer().deserialize(TOPIC, tooDeep));

        assertThat(thrown).isInstanceOf(SerializationException.class).hasMessageContaining("SignalAccepted");
        assertContentFree(thrown, "deep-marker");
    }

    /**
     * A record holding a tree: no schema record does (signal content is written raw and
     * cannot fail this way), but the serde must not quote whatever it fails to write.
     */
    record TreeHolder(String id, JsonNode tree) {
    }

    @Test
    void aFailedWriteDoesNotQuoteTheRecord() {
        // Built in memory, not read: deeper than anything may be written.
        ArrayNode root = Json.mapper().createArrayNode();
        ArrayNode innermost = root;
        for (int depth = 1; depth < Json.MAX_WRITE_DEPTH + 1; depth++) {
            innermost = innermost.addArray();
        }
        innermost.add("write-marker");
        TreeHolder holder = new TreeHolder("m-1", root);

        Throwable thrown = catchThrowable(() -> Serdes.json(TreeHolder.class).serializer().serialize(TOPIC, holder));

        assertThat(thrown).isInstanceOf(SerializationException.class)
            .hasMessageContaining("TreeHolder")
            .hasMessageContaining(TOPIC);
        assertContentFree(thrown, "write-marker");
    }

    @Test
    void aDeliveryFailedWrittenBeforeContract11IsStillRead() {
        // Gateways before 1.1 nested the whole delivery, content included.
        SignalDelivery delivery = Samples.signalDelivery();
        ObjectNode legacy = Json.mapper().createObjectNode();
        legacy.put("type", "delivery-failed");
        legacy.put("userId", delivery.userId());
        legacy.set("delivery", Json.mapper().valueToTree(delivery));
        legacy.put("at", "2025-06-01T09:30:02Z");

        GatewayReport read = Serdes.json(GatewayReport.class)
            .deserializer()
            .deserialize(TOPIC, Json.mapper().writeValueAsBytes(legacy));

        assertThat(read).isEqualTo(
                new DeliveryFailed(delivery.userId(), delivery, java.time.Instant.parse("2025-06-01T09:30:02Z")));
    }

    @Test
    void aDeliveryFailedWithoutItsSenderReadsAsIncomplete() {
        DeliveryFailed read = (DeliveryFailed) Serdes.json(GatewayReport.class)
            .deserializer()
            .deserialize(TOPIC, "{\"type\":\"delivery-failed\",\"userId\":\"bob\",\"at\":\"2025-06-01T09:30:02Z\"}"
                .getBytes(StandardCharsets.UTF_8));

        assertThat(read.id()).isNull();
        assertThat(read.senderDeliveryPartition()).isEqualTo(-1);
        assertThat(read.sourceOffset()).isEqualTo(-1);
    }

    private static String nested(int depth, String innermost) {
        return "[".repeat(depth) + innermost + "]".repeat(depth);
    }

    private static byte[] signalWithContent(String content) {
        ObjectNode signal = (ObjectNode) Json.mapper()
            .valueToTree(new SignalAccepted("m-deep", Samples.ALICE, Samples.BOB, null, Samples.T0,
                    Samples.ALICE_SESSION, Samples.GATEWAY_1, 1));
        String json = signal.toString().replace("\"content\":null", "\"content\":" + content);
        return json.getBytes(StandardCharsets.UTF_8);
    }

    private static void assertContentFree(Throwable thrown, String marker) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            assertThat(String.valueOf(t.getMessage())).doesNotContain(marker);
            assertThat(t.toString()).doesNotContain(marker);
        }
    }

}

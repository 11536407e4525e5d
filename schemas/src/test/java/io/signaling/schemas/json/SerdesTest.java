package io.signaling.schemas.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.signaling.schemas.Samples;
import io.signaling.schemas.delivery.Delivery;
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
import tools.jackson.databind.node.ObjectNode;

/**
 * What every consumer relies on: records survive the trip through Kafka unchanged, tombstones stay
 * null, and anything unreadable raises {@link SerializationException} (which they log by
 * topic/partition/offset, count and skip) without carrying the record's content.
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
        ObjectNode newer = (ObjectNode) Json.mapper().readTree(serde.serializer().serialize(TOPIC, Samples.createSession()));
        newer.put("addedLater", "something");

        assertThat(serde.deserializer().deserialize(TOPIC, Json.mapper().writeValueAsBytes(newer)))
                .isEqualTo(Samples.createSession());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "not json",
            "",
            "{\"type\":\"session-created\",\"userId\":",
            "[]",
            "42",
            "{}",
            "{\"type\":\"session-teleported\",\"userId\":\"alice\",\"sessionId\":\"s\",\"at\":\"2025-06-01T09:30:00Z\"}",
            "{\"type\":\"session-acked\",\"userId\":\"alice\",\"sessionId\":\"s\",\"gatewayId\":\"g\",\"at\":\"not an instant\"}"
    })
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
        // A signal whose content got mangled: consumers log the exception, so it must not repeat it.
        String mangled = new String(Serdes.json(SignalAccepted.class).serializer().serialize(TOPIC, Samples.signalAccepted()),
                StandardCharsets.UTF_8).replace("\"v=0", "v=0");
        byte[] bytes = mangled.getBytes(StandardCharsets.UTF_8);

        Throwable thrown = catchThrowable(() -> Serdes.json(SignalAccepted.class).deserializer().deserialize(TOPIC, bytes));

        assertThat(thrown).isInstanceOf(SerializationException.class).hasMessageContaining(TOPIC)
                .hasMessageContaining("SignalAccepted");
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            assertThat(String.valueOf(t.getMessage()))
                    .doesNotContain("v=0")
                    .doesNotContain("4611731400430051336")
                    .doesNotContain(Arrays.toString(Arrays.copyOf(bytes, 8)).replace("]", ""));
        }
    }
}

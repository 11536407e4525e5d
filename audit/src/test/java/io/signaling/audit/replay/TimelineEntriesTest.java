package io.signaling.audit.replay;

import static org.assertj.core.api.Assertions.assertThat;
import io.signaling.schemas.json.RawJson;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.signaling.audit.replay.TimelineEntries.Position;
import io.signaling.schemas.audit.TimelineEntry;
import io.signaling.schemas.delivery.Delivery;
import io.signaling.schemas.delivery.RejectionReason;
import io.signaling.schemas.delivery.SignalDelivery;
import io.signaling.schemas.delivery.SignalReceipt;
import io.signaling.schemas.delivery.SignalRejection;
import io.signaling.schemas.json.Json;
import io.signaling.schemas.session.DeleteReason;
import io.signaling.schemas.session.SessionCreated;
import io.signaling.schemas.session.SessionDeleted;
import io.signaling.schemas.signal.SignalAccepted;
import io.signaling.schemas.topic.Topic;
import io.signaling.schemas.topic.Topics;
import io.signaling.schemas.topic.TopicsProperties;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.NullNode;

/**
 * Signals and deliveries are read field by field, their content kept as bytes, and JSONL
 * is written by hand: here both must give exactly what the schema's deserializer,
 * {@link TimelineEntry} and the schema's mapper give. A renamed record field or a changed
 * escape rule fails here.
 */
class TimelineEntriesTest {

    static final Topics TOPICS = Topics.from(TopicsProperties.defaults("t"));
    static final Instant AT = Instant.parse("2026-01-01T10:00:00.123Z");
    static final Position SIGNAL_AT = new Position("t.signals", 3, 41, AT.toEpochMilli());
    static final Position DELIVERY_AT = new Position("t.deliveries", 7, 9, AT.toEpochMilli());

    static <V> byte[] bytes(Topic<String, V> topic, V value) {
        return topic.valueSerde().serializer().serialize(topic.name(), value);
    }

    static JsonNode json(String text) {
        return Json.mapper().readTree(text);
    }

    static Stream<JsonNode> contents() {
        return Stream.of(json("{\"type\":\"offer\",\"sdp\":\"v=0\\r\\no=- 46117 2 IN IP4 192.0.2.1\\r\\n\"}"), json(
                "{\"candidate\":\"candidate:1 1 udp 1 198.51.100.7 5000 typ host\",\"sdpMLineIndex\":0,\"sdpMid\":null}"),
                json("{\"nested\":{\"a\":[1,2.5,-0.1,1e400,123456789012345678901234567890],\"b\":true,\"c\":false}}"),
                json("{\"text\":\"é ü 中文 😀 \\u0001 \\t tab \\\" quote \\\\ back / slash \\u2028\"}"),
                json("[1,\"two\",{\"three\":3}]"), json("\"just a string\""), json("42"), json("{}"),
                NullNode.getInstance());
    }

    @ParameterizedTest
    @MethodSource("contents")
    void aSignalReadsAsTheSchemaRecordWouldGiveAndPrintsAsTheSchemaMapperWould(JsonNode content) {
        SignalAccepted signal = new SignalAccepted("m-1", "alice", "bob", RawJson.of(content), AT.minusSeconds(1),
                "s-a", "gw-a", 2);
        TimelineEntry expected = new TimelineEntry(AT, "signal-accepted", "t.signals", 3, 41, null, "s-a", "m-1",
                "alice", "bob", "gw-a", null, RawJson.of(content));

        TimelineEntry entry = TimelineEntries.signal(SIGNAL_AT, bytes(TOPICS.signals(), signal));

        assertThat(entry).isEqualTo(expected);
        assertThat(TimelineFormat.JSONL.format(entry)).isEqualTo(Json.mapper().writeValueAsString(expected));
        assertThat(TimelineFormat.JSONL.format(entry.withoutContent()))
            .isEqualTo(Json.mapper().writeValueAsString(expected.withoutContent()));
    }

    @Test
    void aSignalWithoutContentOrFieldsLeavesThemOut() {
        byte[] value = "{\"id\":\"m-1\",\"unknown\":{\"x\":[1,{}]},\"to\":\"bob\"}".getBytes(StandardCharsets.UTF_8);

        TimelineEntry entry = TimelineEntries.signal(SIGNAL_AT, value);

        assertThat(entry.content()).isNull();
        assertThat(TimelineFormat.JSONL.format(entry)).isEqualTo(
                "{\"at\":\"2026-01-01T10:00:00.123Z\",\"kind\":\"signal-accepted\",\"topic\":\"t.signals\",\"partition\":3,"
                        + "\"offset\":41,\"signalId\":\"m-1\",\"to\":\"bob\"}");
    }

    @Test
    void contentSpreadOverLinesIsMadeCompactSoAnEntryStaysOneLine() {
        byte[] value = "{ \"id\" : \"m-1\",\n  \"content\" : {\n    \"type\" : \"offer\",\n    \"sdp\" : \"v=0\"\n  }\n ,\n \"to\":\"bob\" }"
            .getBytes(StandardCharsets.UTF_8);

        TimelineEntry entry = TimelineEntries.signal(SIGNAL_AT, value);

        assertThat(entry.content().text()).isEqualTo("{\"type\":\"offer\",\"sdp\":\"v=0\"}");
        assertThat(TimelineFormat.JSONL.format(entry)).doesNotContain("\n")
            .endsWith(",\"to\":\"bob\",\"content\":{\"type\":\"offer\",\"sdp\":\"v=0\"}}");
    }

    @Test
    void contentKeepsItsSpellingAndSpacesOnOneLine() {
        byte[] value = "{\"content\" :  [ 1.50 , \"\\u00e9\" ]  , \"id\":\"m\"}".getBytes(StandardCharsets.UTF_8);

        TimelineEntry entry = TimelineEntries.signal(SIGNAL_AT, value);

        assertThat(entry.content().text()).isEqualTo("[ 1.50 , \"\\u00e9\" ]");
        assertThat(entry.content().toTree()).isEqualTo(json("[1.50,\"é\"]"));
        assertThat(entry.content()).hasToString("RawJson[19 chars]"); // never the content
                                                                      // itself: logs must
                                                                      // not show it
    }

    @Test
    void aDeliveryReadsAsTheSchemaRecordWouldGive() {
        SignalDelivery delivery = new SignalDelivery("gw-b", 1, "bob", "s-b", "m-1", "alice", "bob",
                RawJson.of(json("{\"type\":\"offer\",\"sdp\":\"v=0\"}")), AT, "s-a", "gw-a", 0, 3, 41L);
        TimelineEntry expected = new TimelineEntry(AT, "signal-delivered", "t.deliveries", 7, 9, "bob", "s-b", "m-1",
                "alice", "bob", "gw-b", null, null);

        TimelineEntry entry = only(
                TimelineEntries.delivery(DELIVERY_AT, bytes(TOPICS.deliveries(), (Delivery) delivery)));

        assertThat(entry).isEqualTo(expected);
        assertThat(TimelineFormat.JSONL.format(entry)).isEqualTo(Json.mapper().writeValueAsString(expected));
    }

    @ParameterizedTest
    @MethodSource("contents")
    void aDirectDeliveryReadsAsItsAcceptedSignalThenItsDeliveryBothAtItsPosition(JsonNode content) {
        SignalDelivery direct = new SignalDelivery("gw-b", 1, "bob", "s-b", "m-1", "alice", "bob", RawJson.of(content),
                AT.minusSeconds(1), "s-a", "gw-a", 0, SignalDelivery.DIRECT, SignalDelivery.DIRECT);
        TimelineEntry accepted = new TimelineEntry(AT, "signal-accepted", "t.deliveries", 7, 9, null, "s-a", "m-1",
                "alice", "bob", "gw-a", null, RawJson.of(content));
        TimelineEntry delivered = new TimelineEntry(AT, "signal-delivered", "t.deliveries", 7, 9, "bob", "s-b", "m-1",
                "alice", "bob", "gw-b", null, null);

        List<TimelineEntry> entries = TimelineEntries.delivery(DELIVERY_AT,
                bytes(TOPICS.deliveries(), (Delivery) direct));

        assertThat(entries).containsExactly(accepted, delivered);
        assertThat(entries).extracting(TimelineFormat.JSONL::format)
            .containsExactly(Json.mapper().writeValueAsString(accepted), Json.mapper().writeValueAsString(delivered));
        assertThat(TimelineFormat.JSONL.format(entries.get(0).withoutContent()))
            .isEqualTo(Json.mapper().writeValueAsString(accepted.withoutContent()));
        // The same entry as the SignalAccepted record the relay's path has, but for
        // where it sits.
        TimelineEntry asSignal = TimelineEntries.signal(DELIVERY_AT, bytes(TOPICS.signals(),
                new SignalAccepted("m-1", "alice", "bob", RawJson.of(content), AT.minusSeconds(1), "s-a", "gw-a", 0)));
        assertThat(TimelineFormat.JSONL.format(entries.get(0))).isEqualTo(TimelineFormat.JSONL.format(asSignal));
    }

    @Test
    void aDeliveryTheRelayWroteIsNotAnAcceptedSignalToo() {
        for (int sourcePartition : List.of(0, 11)) {
            SignalDelivery relayed = new SignalDelivery("gw-b", 1, "bob", "s-b", "m-1", "alice", "bob",
                    RawJson.of(json("{\"sdp\":\"v=0\"}")), AT, "s-a", "gw-a", 0, sourcePartition, 0L);

            assertThat(TimelineEntries.delivery(DELIVERY_AT, bytes(TOPICS.deliveries(), (Delivery) relayed)))
                .extracting(TimelineEntry::kind)
                .containsExactly("signal-delivered");
        }
    }

    @Test
    void aReceiptIsNotHistoryAndGivesNoEntry() {
        SignalReceipt receipt = new SignalReceipt("gw-a", 0, "alice", "s-a", "m-1", "bob", 3, 41L);

        assertThat(TimelineEntries.delivery(DELIVERY_AT, bytes(TOPICS.deliveries(), (Delivery) receipt))).isEmpty();
    }

    @Test
    void aRejectionReadsAsTheSchemaRecordWouldGive() {
        SignalRejection rejection = new SignalRejection("gw-b", 1, "bob", "s-b", "m-2", "carol",
                RejectionReason.HELD_LIMIT, 0, 1L);
        TimelineEntry expected = new TimelineEntry(AT, "signal-rejected", "t.deliveries", 7, 9, "bob", "s-b", "m-2",
                "bob", "carol", "gw-b", "held-limit", null);

        TimelineEntry entry = only(
                TimelineEntries.delivery(DELIVERY_AT, bytes(TOPICS.deliveries(), (Delivery) rejection)));

        assertThat(entry).isEqualTo(expected);
        assertThat(TimelineFormat.JSONL.format(entry)).isEqualTo(Json.mapper().writeValueAsString(expected));
    }

    @Test
    void aRejectionFromBeforeReasonsWereTypedShowsReasonUnknown() {
        byte[] old = ("{\"type\":\"rejection\",\"gatewayId\":\"gw-b\",\"deliveryPartition\":1,"
                + "\"userId\":\"bob\",\"sessionId\":\"s-b\",\"id\":\"m-2\",\"to\":\"carol\","
                + "\"code\":\"recipient-unavailable\",\"message\":\"carol has no session\","
                + "\"sourcePartition\":0,\"sourceOffset\":1}")
            .getBytes(StandardCharsets.UTF_8);

        assertThat(only(TimelineEntries.delivery(DELIVERY_AT, old)).reason()).isEqualTo("unknown");
    }

    @Test
    void sessionEventsPrintAsTheSchemaMapperWould() {
        Position at = new Position("t.session-events", 0, 5, AT.toEpochMilli());
        TimelineEntry created = TimelineEntries.sessionEvent(at,
                new SessionCreated("alice", "s-a", "sha256:x", "gw-a", "http://gw-a/ws", 0, AT, AT.plusSeconds(30)));
        TimelineEntry deleted = TimelineEntries.sessionEvent(at,
                new SessionDeleted("alice", "s-a", DeleteReason.CONNECTION_LOST, AT));

        for (TimelineEntry entry : List.of(created, deleted)) {
            assertThat(TimelineFormat.JSONL.format(entry)).isEqualTo(Json.mapper().writeValueAsString(entry));
        }
        assertThat(deleted.reason()).isEqualTo("connection-lost");
    }

    @ParameterizedTest
    @ValueSource(strings = { "this is not json", "[1,2]", "\"a string\"", "{\"id\":\"m-1\"",
            "{\"id\":\"m-1\"} trailing", "{\"id\":{\"not\":\"a string\"}}", "{\"content\":{\"unclosed\":[1,2}}" })
    void aSignalThatIsNotOneJsonObjectOfStringsIsUnreadable(String value) {
        assertThatThrownBy(() -> TimelineEntries.signal(SIGNAL_AT, value.getBytes(StandardCharsets.UTF_8)))
            .isInstanceOf(RuntimeException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = { "{\"userId\":\"bob\"}", "{\"type\":\"teleport\",\"userId\":\"bob\"}" })
    void aDeliveryOfNoKnownTypeIsUnreadable(String value) {
        assertThatThrownBy(() -> TimelineEntries.delivery(DELIVERY_AT, value.getBytes(StandardCharsets.UTF_8)))
            .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aScalarWhereAStringIsExpectedReadsAsItsText() {
        TimelineEntry entry = TimelineEntries.signal(SIGNAL_AT,
                "{\"id\":17,\"from\":true,\"to\":null}".getBytes(StandardCharsets.UTF_8));

        assertThat(entry.signalId()).isEqualTo("17");
        assertThat(entry.from()).isEqualTo("true");
        assertThat(entry.to()).isNull();
    }

    /** The one entry a record gives. */
    static TimelineEntry only(List<TimelineEntry> entries) {
        assertThat(entries).hasSize(1);
        return entries.get(0);
    }

}

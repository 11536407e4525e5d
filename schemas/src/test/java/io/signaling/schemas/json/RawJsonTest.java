package io.signaling.schemas.json;

import static org.assertj.core.api.Assertions.assertThat;

import io.signaling.schemas.Samples;
import io.signaling.schemas.delivery.Delivery;
import io.signaling.schemas.delivery.SignalDelivery;
import io.signaling.schemas.signal.SignalAccepted;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Signal content travels as the text its sender wrote: through the records' serdes it
 * comes out character for character, whatever its shape, spacing, escapes or number
 * spellings.
 */
class RawJsonTest {

    private static final String TOPIC = "raw-json-test";

    @ParameterizedTest
    @ValueSource(strings = { "{\"sdp\":\"v=0\\r\\no=- 46 2 IN IP4 127.0.0.1\\r\\n\",\"type\":\"offer\"}",
            "{ \"spaced\" : [ 1 , 2 ] , \"x\" : { } }", "[{\"a\":\"}]\\\"{[\"},[[]],{}]",
            "{\"exact\":[1e400,0.10,-0.0,123456789012345678901234567890]}", "{\"u\":\"é😀\\u00e9\\ud83d\\ude00\"}",
            "\"a string, with \\\"quotes\\\"\"", "42", "1.50", "true", "null", "[]" })
    void contentComesOutOfARecordAsItWentIn(String content) {
        SignalAccepted signal = new SignalAccepted("m-1", Samples.ALICE, Samples.BOB, RawJson.trusted(content),
                Samples.T0, Samples.ALICE_SESSION, Samples.GATEWAY_1, 1);

        byte[] record = Serdes.json(SignalAccepted.class).serializer().serialize(TOPIC, signal);
        SignalAccepted read = Serdes.json(SignalAccepted.class).deserializer().deserialize(TOPIC, record);

        assertThat(new String(record, StandardCharsets.UTF_8)).contains("\"content\":" + content + ",");
        assertThat(read.content().text()).isEqualTo(content);
        assertThat(read).isEqualTo(signal);
    }

    @Test
    void aDeliveryCarriesTheSignalsContentAsTheSignalHadIt() {
        String content = "{\"candidate\":\"candidate:1 1 udp 1 192.0.2.10 5 typ host\",\"sdpMLineIndex\":0.0}";
        SignalDelivery delivery = new SignalDelivery(Samples.GATEWAY_2, 2, Samples.BOB, Samples.BOB_SESSION, "m-1",
                Samples.ALICE, Samples.BOB, RawJson.trusted(content), Samples.T0, Samples.ALICE_SESSION,
                Samples.GATEWAY_1, 1, 5, 9);

        byte[] record = Serdes.json(Delivery.class).serializer().serialize(TOPIC, delivery);
        Delivery read = Serdes.json(Delivery.class).deserializer().deserialize(TOPIC, record);

        assertThat(((SignalDelivery) read).content().text()).isEqualTo(content);
    }

    @Test
    void contentSpreadOverLinesByAnotherWriterIsReadAsWrittenAndPutOnOneLineOnlyWhenAsked() {
        String record = """
                {
                  "id" : "m-1", "from" : "alice", "to" : "bob",
                  "content" : {
                    "sdp" : "v=0",
                    "n" : [ 1, 2.50 ]
                  },
                  "senderDeliveryPartition" : 1
                }""";

        SignalAccepted read = Serdes.json(SignalAccepted.class)
            .deserializer()
            .deserialize(TOPIC, record.getBytes(StandardCharsets.UTF_8));

        assertThat(read.content().text()).isEqualTo("""
                {
                    "sdp" : "v=0",
                    "n" : [ 1, 2.50 ]
                  }""");
        RawJson oneLine = read.content().oneLine();
        assertThat(oneLine.text()).isEqualTo("{\"sdp\":\"v=0\",\"n\":[1,2.50]}");
        assertThat(oneLine.oneLine()).isSameAs(oneLine);
    }

    @Test
    void aMapperWithoutTheRecordsBytesReadsTheSameValue() {
        String content = "{\"n\":[1e400,0.10],\"s\":\"x\"}";
        String record = "{\"id\":\"m-1\",\"to\":\"bob\",\"content\":" + content + ",\"senderDeliveryPartition\":1}";

        SignalAccepted read = Json.mapper().readValue(record, SignalAccepted.class);

        assertThat(read.content().toTree()).isEqualTo(Json.mapper().readTree(content));
    }

    @Test
    void nullContentReadsAsTheNullValueAndMissingContentAsAbsent() {
        SignalAccepted withoutContent = Serdes.json(SignalAccepted.class)
            .deserializer()
            .deserialize(TOPIC,
                    "{\"id\":\"m-1\",\"to\":\"bob\",\"senderDeliveryPartition\":1}".getBytes(StandardCharsets.UTF_8));
        SignalAccepted withNull = Serdes.json(SignalAccepted.class)
            .deserializer()
            .deserialize(TOPIC, "{\"id\":\"m-1\",\"to\":\"bob\",\"content\":null,\"senderDeliveryPartition\":1}"
                .getBytes(StandardCharsets.UTF_8));

        assertThat(withoutContent.content()).isNull();
        assertThat(withNull.content()).isEqualTo(RawJson.NULL);
    }

    @Test
    void itsTextNeverReachesALog() {
        RawJson content = RawJson.parse("{\"sdp\":\"secret-marker\"}");
        SignalAccepted signal = new SignalAccepted("m-1", Samples.ALICE, Samples.BOB, content, Samples.T0,
                Samples.ALICE_SESSION, Samples.GATEWAY_1, 1);

        assertThat(content.toString()).doesNotContain("secret-marker").contains("23 chars");
        assertThat(signal.toString()).doesNotContain("secret-marker");
    }

}

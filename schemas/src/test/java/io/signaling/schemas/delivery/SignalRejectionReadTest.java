package io.signaling.schemas.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.signaling.schemas.topic.Topics;
import io.signaling.schemas.topic.TopicsProperties;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A rejection reads whatever relay wrote it: each typed reason round-trips, and a record
 * from before reasons were typed, or with a reason this version does not know, reads as
 * {@link RejectionReason#UNKNOWN} instead of failing (which would leave its sender
 * unanswered).
 */
class SignalRejectionReadTest {

    private final Topics topics = Topics.from(TopicsProperties.defaults("signaling"));

    private final Deserializer<Delivery> reader = topics.deliveries().valueSerde().deserializer();

    private final Serializer<Delivery> writer = topics.deliveries().valueSerde().serializer();

    @ParameterizedTest
    @EnumSource(RejectionReason.class)
    void everyReasonRoundTripsByItsCode(RejectionReason reason) {
        SignalRejection rejection = new SignalRejection("gw-1", 1, "alice", "a1", "m1", "bob", reason, 5, 42);

        byte[] written = writer.serialize("t", rejection);

        assertThat(new String(written, StandardCharsets.UTF_8)).contains("\"reason\":\"" + reason.code() + "\"");
        assertThat(reader.deserialize("t", written)).isEqualTo(rejection);
    }

    @Test
    void aRecordWrittenBeforeReasonsWereTypedReadsAsUnknown() {
        String old = """
                {"type":"rejection","gatewayId":"gw-1","deliveryPartition":1,"userId":"alice","sessionId":"a1",\
                "id":"m1","to":"bob","code":"recipient-unavailable","message":"the recipient has no session",\
                "sourcePartition":5,"sourceOffset":42}""";

        assertThat(read(old))
            .isEqualTo(new SignalRejection("gw-1", 1, "alice", "a1", "m1", "bob", RejectionReason.UNKNOWN, 5, 42));
    }

    @Test
    void aReasonThisVersionDoesNotKnowReadsAsUnknown() {
        String newer = """
                {"type":"rejection","gatewayId":"gw-1","deliveryPartition":1,"userId":"alice","sessionId":"a1",\
                "id":"m1","to":"bob","reason":"recipient-on-mars","sourcePartition":5,"sourceOffset":42}""";

        assertThat(((SignalRejection) read(newer)).reason()).isEqualTo(RejectionReason.UNKNOWN);
    }

    private Delivery read(String json) {
        return reader.deserialize("t", json.getBytes(StandardCharsets.UTF_8));
    }

}

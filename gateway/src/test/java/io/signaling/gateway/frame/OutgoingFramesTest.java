package io.signaling.gateway.frame;

import static org.assertj.core.api.Assertions.assertThat;
import io.signaling.schemas.json.RawJson;

import io.signaling.schemas.delivery.Delivery;
import io.signaling.schemas.delivery.RejectionReason;
import io.signaling.schemas.delivery.SignalDelivery;
import io.signaling.schemas.delivery.SignalRejection;
import io.signaling.schemas.json.Json;
import io.signaling.schemas.topic.Topics;
import io.signaling.schemas.topic.TopicsProperties;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

class OutgoingFramesTest {

    @Test
    void errorLeavesOutAnIdItCouldNotRead() {
        JsonNode withId = Json.mapper().readTree(OutgoingFrames.error("m1", ErrorCode.RATE_LIMITED, "slow down"));
        JsonNode withoutId = Json.mapper().readTree(OutgoingFrames.error(null, ErrorCode.INVALID_MESSAGE, "not JSON"));

        assertThat(withId).isEqualTo(Json.mapper()
            .readTree("{\"type\":\"error\",\"id\":\"m1\",\"code\":\"rate-limited\",\"message\":\"slow down\"}"));
        assertThat(withoutId.has("id")).isFalse();
        assertThat(withoutId.get("code").stringValue()).isEqualTo("invalid-message");
    }

    @ParameterizedTest
    @EnumSource(RejectionReason.class)
    void everyRejectionReasonIsRecipientUnavailableWithItsOwnText(RejectionReason reason) {
        SignalRejection rejection = new SignalRejection("gw", 0, "alice", "s-alice", "m7", "bob", reason, 1, 2);

        JsonNode frame = Json.mapper().readTree(OutgoingFrames.rejection(rejection));

        assertThat(frame).isEqualTo(Json.mapper()
            .createObjectNode()
            .put("type", "error")
            .put("id", "m7")
            .put("code", "recipient-unavailable")
            .put("message", OutgoingFrames.text(reason)));
        assertThat(Arrays.stream(RejectionReason.values()).filter(other -> other != reason).map(OutgoingFrames::text))
            .as("each reason reads differently")
            .doesNotContain(OutgoingFrames.text(reason));
    }

    @Test
    void aRejectionWithoutAKnownReasonGetsTheGenericText() {
        // A record written before reasons were typed: its relay-written code and text are
        // not forwarded.
        byte[] old = ("{\"type\":\"rejection\",\"gatewayId\":\"gw\",\"deliveryPartition\":0,"
                + "\"userId\":\"alice\",\"sessionId\":\"s-alice\",\"id\":\"m7\",\"to\":\"bob\","
                + "\"code\":\"recipient-unavailable\",\"message\":\"anything the relay wrote\","
                + "\"sourcePartition\":1,\"sourceOffset\":2}")
            .getBytes(StandardCharsets.UTF_8);
        Delivery read = Topics.from(TopicsProperties.defaults("signaling"))
            .deliveries()
            .valueSerde()
            .deserializer()
            .deserialize("t", old);

        JsonNode frame = Json.mapper().readTree(OutgoingFrames.rejection((SignalRejection) read));

        assertThat(frame).isEqualTo(Json.mapper()
            .readTree("{\"type\":\"error\",\"id\":\"m7\",\"code\":\"recipient-unavailable\","
                    + "\"message\":\"the recipient is unavailable\"}"));
    }

    @Test
    void signalCarriesTheContentAsSent() {
        JsonNode content = Json.mapper()
            .readTree("{\"sdp\":\"v=0\\r\\n\",\"ice\":[{\"candidate\":\"c\",\"i\":0}],\"u\":\"é😀\"}");
        SignalDelivery delivery = new SignalDelivery("gw", 0, "bob", "s-bob", "m1", "alice", "bob", RawJson.of(content),
                Instant.parse("2026-01-01T00:00:00Z"), "s-alice", "gw", 1, 2, 3);

        JsonNode frame = Json.mapper().readTree(OutgoingFrames.signal(delivery));

        assertThat(frame).isEqualTo(Json.mapper()
            .readTree("{\"type\":\"signal\",\"id\":\"m1\",\"from\":\"alice\"," + "\"to\":\"bob\",\"content\":"
                    + Json.mapper().writeValueAsString(content) + ",\"sentAt\":\"2026-01-01T00:00:00Z\"}"));
    }

    @Test
    void signalCarriesTheContentsTextUnchanged() {
        String content = "{ \"n\" : [1e400, 0.10], \"s\" : \"\\u00e9\" }";
        SignalDelivery delivery = new SignalDelivery("gw", 0, "bob", "s-bob", "m1", "alice", "bob",
                RawJson.trusted(content), Instant.parse("2026-01-01T00:00:00Z"), "s-alice", "gw", 1, 2, 3);

        assertThat(OutgoingFrames.signal(delivery)).isEqualTo("{\"type\":\"signal\",\"id\":\"m1\",\"from\":\"alice\","
                + "\"to\":\"bob\",\"content\":" + content + ",\"sentAt\":\"2026-01-01T00:00:00Z\"}");
    }

    @Test
    void ackCarriesTheId() {
        assertThat(Json.mapper().readTree(OutgoingFrames.ack("m1")))
            .isEqualTo(Json.mapper().readTree("{\"type\":\"ack\",\"id\":\"m1\"}"));
    }

}

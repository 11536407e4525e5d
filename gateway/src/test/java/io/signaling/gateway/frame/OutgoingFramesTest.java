package io.signaling.gateway.frame;

import static org.assertj.core.api.Assertions.assertThat;

import io.signaling.schemas.delivery.SignalDelivery;
import io.signaling.schemas.json.Json;
import java.time.Instant;
import org.junit.jupiter.api.Test;
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

    @Test
    void signalCarriesTheContentAsSent() {
        JsonNode content = Json.mapper()
            .readTree("{\"sdp\":\"v=0\\r\\n\",\"ice\":[{\"candidate\":\"c\",\"i\":0}],\"u\":\"é😀\"}");
        SignalDelivery delivery = new SignalDelivery("gw", 0, "bob", "s-bob", "m1", "alice", "bob", content,
                Instant.parse("2026-01-01T00:00:00Z"), "s-alice", "gw", 1, 2, 3);

        JsonNode frame = Json.mapper().readTree(OutgoingFrames.signal(delivery));

        assertThat(frame).isEqualTo(Json.mapper()
            .readTree("{\"type\":\"signal\",\"id\":\"m1\",\"from\":\"alice\"," + "\"to\":\"bob\",\"content\":"
                    + Json.mapper().writeValueAsString(content) + ",\"sentAt\":\"2026-01-01T00:00:00Z\"}"));
    }

    @Test
    void ackCarriesTheId() {
        assertThat(Json.mapper().readTree(OutgoingFrames.ack("m1")))
            .isEqualTo(Json.mapper().readTree("{\"type\":\"ack\",\"id\":\"m1\"}"));
    }

}

package io.signaling.bench.signal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class GatewayMessageTest {

    @Test
    void readsADeliveryAndTheBenchStampsInItsContent() {
        String frame = "{\"type\":\"signal\",\"id\":\"r7.1712\",\"from\":\"alice\",\"to\":\"bob\",\"content\":"
                + "{\"type\":\"candidate\",\"call\":3,\"seq\":7,\"t\":1712345678901234,"
                + "\"candidate\":{\"candidate\":\"candidate:1 1 udp 1 192.0.2.1 1 typ host\",\"sdpMLineIndex\":0}},"
                + "\"sentAt\":\"2030-01-01T00:00:00Z\"}";

        GatewayMessage message = GatewayMessage.parse(frame);

        assertThat(message.isSignal()).isTrue();
        assertThat(message)
            .isEqualTo(new GatewayMessage("signal", "r7.1712", "alice", null, "candidate", 3, 7, 1712345678901234L));
    }

    @Test
    void readsAcksAndErrors() {
        assertThat(GatewayMessage.parse("{\"type\":\"ack\",\"id\":\"r1.2\"}").isAck()).isTrue();
        GatewayMessage error = GatewayMessage
            .parse("{\"type\":\"error\",\"code\":\"rate-limited\",\"message\":\"slow down\",\"id\":\"r9.1\"}");
        assertThat(error.isError()).isTrue();
        assertThat(error.code()).isEqualTo("rate-limited");
        assertThat(error.id()).isEqualTo("r9.1");
    }

    @Test
    void contentThatIsNotOursLeavesTheStampsUnset() {
        GatewayMessage message = GatewayMessage
            .parse("{\"type\":\"signal\",\"from\":\"x\",\"content\":[1,{\"seq\":2}],\"id\":\"m\"}");

        assertThat(message.seq()).isEqualTo(-1);
        assertThat(message.sentMicros()).isEqualTo(-1);
        assertThat(message.id()).isEqualTo("m");
    }

    @Test
    void refusesWhatIsNotAnObject() {
        assertThatThrownBy(() -> GatewayMessage.parse("[1]")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> GatewayMessage.parse("{\"type\":")).isInstanceOf(IllegalArgumentException.class);
    }

}

package io.signaling.sockjs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class SockJsCodecTest {

    @Test
    void decodesOpenAndHeartbeat() {
        assertThat(SockJsCodec.decode("o")).isInstanceOf(SockJsFrame.Open.class);
        assertThat(SockJsCodec.decode("h")).isInstanceOf(SockJsFrame.Heartbeat.class);
    }

    @Test
    void decodesAnArrayOfMessagesWithTheirEscapesUndone() {
        SockJsFrame frame = SockJsCodec
            .decode("a[\"{\\\"type\\\":\\\"ack\\\",\\\"id\\\":\\\"r1.5\\\"}\",\"line\\r\\nnext \\u00e9\"]");

        assertThat(frame)
            .isEqualTo(new SockJsFrame.Messages(List.of("{\"type\":\"ack\",\"id\":\"r1.5\"}", "line\r\nnext é")));
    }

    @Test
    void decodesTheCloseFrameWithCodeAndReason() {
        assertThat(SockJsCodec.decode("c[4001,\"session-ended\"]"))
            .isEqualTo(new SockJsFrame.Close(4001, "session-ended"));
        assertThat(SockJsCodec.decode("c[3000]")).isEqualTo(new SockJsFrame.Close(3000, ""));
    }

    @Test
    void decodesTheSingleMessageFrameOfOldServers() {
        assertThat(SockJsCodec.decode("m\"hello\"")).isEqualTo(new SockJsFrame.Messages(List.of("hello")));
    }

    @Test
    void refusesWhatIsNotASockJsFrame() {
        assertThatThrownBy(() -> SockJsCodec.decode("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SockJsCodec.decode("x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SockJsCodec.decode("a[1,2]")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SockJsCodec.decode("a[\"unterminated")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SockJsCodec.decode("c{}")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SockJsCodec.decode("oo")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void encodesMessagesAsOneJsonArrayOfStringsInOrder() {
        List<String> messages = List.of("{\"to\":\"bob\",\"content\":\"a \\\"quoted\\\" word\"}", "tab\tand\nnewline",
                "ü€😀");

        String frame = SockJsCodec.encode(messages);

        assertThat(frame).startsWith("[\"").endsWith("\"]");
        assertThat(JsonMapper.builder().build().readValue(frame, String[].class)).containsExactlyElementsOf(messages);
    }

    @Test
    void whatTheClientEncodesTheServerFramingDecodesBack() {
        List<String> messages = List.of("{\"to\":\"bob\",\"id\":\"r0.1\"}", "second");

        assertThat(SockJsCodec.decode("a" + SockJsCodec.encode(messages)))
            .isEqualTo(new SockJsFrame.Messages(messages));
    }

}

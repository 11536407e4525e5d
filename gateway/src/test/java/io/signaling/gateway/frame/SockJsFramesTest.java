package io.signaling.gateway.frame;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class SockJsFramesTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void theHeadOfACutFrameUnescapesToTheMessagesStart() {
        String message = "{\"to\":\"bob\",\"id\":\"big\",\"content\":\"line\\none\\ttab \\u00e9 \\\"q\\\"\"}";
        String frame = JSON.writeValueAsString(new String[] { message });

        String cut = frame.substring(0, frame.length() - 5);

        assertThat(message).startsWith(SockJsFrames.firstMessageHead(cut));
        assertThat(SockJsFrames.firstMessageHead(cut)).startsWith("{\"to\":\"bob\",\"id\":\"big\"");
        assertThat(FrameParser.peekId(SockJsFrames.firstMessageHead(cut))).isEqualTo("big");
    }

    @Test
    void aCutInsideAnEscapeKeepsWhatCameBefore() {
        assertThat(SockJsFrames.firstMessageHead("[\"ab\\")).isEqualTo("ab");
        assertThat(SockJsFrames.firstMessageHead("[\"ab\\u00")).isEqualTo("ab");
        assertThat(SockJsFrames.firstMessageHead(" [ \"a\\u0041\\/")).isEqualTo("aA/");
    }

    @Test
    void textThatIsNoSockJsFrameHasNoHead() {
        assertThat(SockJsFrames.firstMessageHead("{\"to\":\"bob\"}")).isNull();
        assertThat(SockJsFrames.firstMessageHead("[1,2]")).isNull();
        assertThat(SockJsFrames.firstMessageHead("")).isNull();
    }

    @Test
    void aFrameCutAtTheLimitStillHoldsMoreThanTheLimitEvenFullyEscaped() {
        int max = 1000;
        // The worst case: every char of the message escaped as \u0001, six chars each.
        String frame = JSON.writeValueAsString(new String[] { "\u0001".repeat(10 * max) });
        String cut = frame.substring(0, SockJsFrames.frameLimit(max));

        assertThat(Utf8.exceeds(SockJsFrames.firstMessageHead(cut), max)).isTrue();
    }

    @Test
    void aMessageWithinTheLimitFitsInAFrameWithinTheLimitEvenFullyEscaped() {
        int max = 1000;
        String frame = JSON.writeValueAsString(new String[] { "\u0001".repeat(max) });

        assertThat(frame.length()).isLessThanOrEqualTo(SockJsFrames.frameLimit(max));
    }

}

package io.signaling.bench.signal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class PayloadsTest {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    @Test
    void aRelayMessageIsExactlyTheAskedSizeAndCarriesItsStamps() {
        String message = Payloads.relay("bob", "r12.1712345678901234", 12, 1712345678901234L, 600);

        assertThat(message.getBytes(StandardCharsets.UTF_8)).hasSize(600);
        JsonNode node = MAPPER.readTree(message);
        assertThat(node.get("to").asString()).isEqualTo("bob");
        assertThat(node.get("id").asString()).isEqualTo("r12.1712345678901234");
        assertThat(node.get("content").get("seq").asLong()).isEqualTo(12);
        assertThat(node.get("content").get("t").asLong()).isEqualTo(1712345678901234L);
    }

    @Test
    void aTooSmallSizeStillGivesAWholeMessage() {
        String message = Payloads.relay("bob", "r1.1", 1, 1, 10);

        assertThat(MAPPER.readTree(message).get("content").get("pad").asString()).isEmpty();
    }

    @Test
    void callMessagesAreValidJsonShapedLikeABrowsers() {
        JsonNode offer = MAPPER.readTree(Payloads.offer("bob", "o0.5", 3, 0, 5));
        JsonNode answer = MAPPER.readTree(Payloads.answer("alice", "a0.6", 3, 0, 6));
        JsonNode candidate = MAPPER.readTree(Payloads.candidate("bob", "i1.7", 3, 1, 7, 4));

        assertThat(offer.get("content").get("type").asString()).isEqualTo("offer");
        assertThat(offer.get("content").get("sdp").asString()).startsWith("v=0\r\n")
            .contains("a=setup:actpass")
            .hasSizeGreaterThan(2000);
        assertThat(answer.get("content").get("sdp").asString()).contains("a=setup:active");
        assertThat(candidate.get("content").get("candidate").get("candidate").asString()).startsWith("candidate:");
        assertThat(candidate.get("content").get("call").asLong()).isEqualTo(3);
    }

    @Test
    void whatTheToolSendsTheToolCanReadBackFromADelivery() {
        String sent = Payloads.candidate("bob", "i1.7", 3, 1, 7, 4);
        String content = MAPPER.readTree(sent).get("content").toString();

        GatewayMessage delivered = GatewayMessage.parse(
                "{\"type\":\"signal\",\"id\":\"i1.7\",\"from\":\"alice\",\"to\":\"bob\",\"content\":" + content + "}");

        assertThat(delivered.kind()).isEqualTo("candidate");
        assertThat(delivered.call()).isEqualTo(3);
        assertThat(delivered.seq()).isEqualTo(1);
        assertThat(delivered.sentMicros()).isEqualTo(7);
    }

}

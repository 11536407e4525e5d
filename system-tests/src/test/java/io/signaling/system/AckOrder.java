package io.signaling.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Contract §2: an {@code ack} means "in the log"; a {@code recipient-unavailable} of that
 * signal may only follow it.
 */
final class AckOrder {

    private AckOrder() {
    }

    /**
     * Every {@code recipient-unavailable} this client got came after the {@code ack} of
     * the same id.
     */
    static void assertEachAnswerFollowsItsAck(SignalingClient sender) {
        List<JsonNode> frames = sender.frames();
        Set<String> acked = new HashSet<>();
        for (JsonNode frame : frames) {
            String id = frame.path("id").asString();
            if ("ack".equals(frame.path("type").asString())) {
                acked.add(id);
            }
            else if ("recipient-unavailable".equals(frame.path("code").asString())) {
                assertThat(acked).as("the ack of %s came before its recipient-unavailable", id).contains(id);
            }
        }
    }

}

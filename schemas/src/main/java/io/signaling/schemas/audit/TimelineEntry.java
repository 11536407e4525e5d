package io.signaling.schemas.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import tools.jackson.databind.JsonNode;

/**
 * One line of {@code bin/signaling audit replay --format jsonl}: a session event or a
 * signal step, with where it sits in the log. Fields that do not apply to a kind are left
 * out.
 *
 * @param at the Kafka record's timestamp
 * @param kind what happened, e.g. {@code session-created}, {@code signal-accepted},
 * {@code signal-delivered}
 * @param userId whose session it is (session events), or whom a delivery was for
 * @param content the signal's content; left out by {@code --redact} and for every kind
 * but signal-accepted
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TimelineEntry(Instant at, String kind, String topic, int partition, long offset, String userId,
        String sessionId, String signalId, String from, String to, String gatewayId, String reason, JsonNode content) {

    public TimelineEntry withoutContent() {
        return new TimelineEntry(at, kind, topic, partition, offset, userId, sessionId, signalId, from, to, gatewayId,
                reason, null);
    }

    /** True when the user appears in this entry as session owner, sender or recipient. */
    public boolean involves(String user) {
        return user.equals(userId) || user.equals(from) || user.equals(to);
    }
}

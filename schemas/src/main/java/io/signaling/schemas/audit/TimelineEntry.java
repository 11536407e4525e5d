package io.signaling.schemas.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.signaling.schemas.json.RawJson;
import java.time.Instant;

/**
 * One line of {@code bin/signaling audit replay --format jsonl}: a session event or a
 * signal step, with where it sits in the log. Fields that do not apply to a kind are left
 * out. The replay carries its entries as these records too: the content stays the
 * record's JSON text from the log to the line, never built into a tree.
 *
 * @param at the Kafka record's timestamp
 * @param kind what happened, e.g. {@code session-created}, {@code signal-accepted},
 * {@code signal-delivered}
 * @param userId whose session it is (session events), or whom a delivery was for
 * @param content the signal's content as the record holds it, written as that raw JSON
 * value; left out by {@code --redact} and for every kind but signal-accepted
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TimelineEntry(Instant at, String kind, String topic, int partition, long offset, String userId,
        String sessionId, String signalId, String from, String to, String gatewayId, String reason, RawJson content) {

    public TimelineEntry withoutContent() {
        return content == null ? this : new TimelineEntry(at, kind, topic, partition, offset, userId, sessionId,
                signalId, from, to, gatewayId, reason, null);
    }

    /** True when the user appears in this entry as session owner, sender or recipient. */
    public boolean involves(String user) {
        return user.equals(userId) || user.equals(from) || user.equals(to);
    }
}

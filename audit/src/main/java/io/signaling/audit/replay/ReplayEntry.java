package io.signaling.audit.replay;

import io.signaling.schemas.audit.TimelineEntry;
import io.signaling.schemas.json.RawJson;
import java.time.Instant;

/**
 * One entry of the replayed timeline as the replay carries it: the fields of
 * {@link TimelineEntry} (the contract of a {@code --format jsonl} line, same names and
 * order), with the record timestamp as epoch milliseconds and the signal's content as the
 * record's JSON bytes instead of a tree. {@link TimelineFormat} writes it exactly as the
 * schema's mapper writes the {@link #toTimelineEntry()} equivalent.
 *
 * @param timestamp the Kafka record's timestamp, epoch milliseconds
 */
public record ReplayEntry(long timestamp, String kind, String topic, int partition, long offset, String userId,
        String sessionId, String signalId, String from, String to, String gatewayId, String reason, RawJson content) {

    public Instant at() {
        return Instant.ofEpochMilli(timestamp);
    }

    public ReplayEntry withoutContent() {
        return content == null ? this : new ReplayEntry(timestamp, kind, topic, partition, offset, userId, sessionId,
                signalId, from, to, gatewayId, reason, null);
    }

    /** True when the user appears in this entry as session owner, sender or recipient. */
    public boolean involves(String user) {
        return user.equals(userId) || user.equals(from) || user.equals(to);
    }

    /**
     * The schema's record, content parsed into a tree: for callers that inspect entries,
     * not for printing many.
     */
    public TimelineEntry toTimelineEntry() {
        return new TimelineEntry(at(), kind, topic, partition, offset, userId, sessionId, signalId, from, to, gatewayId,
                reason, content == null ? null : content.toTree());
    }
}

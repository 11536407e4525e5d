package io.signaling.audit.replay;

import io.signaling.schemas.audit.TimelineEntry;
import io.signaling.schemas.delivery.RejectionReason;
import io.signaling.schemas.session.SessionAcked;
import io.signaling.schemas.session.SessionCreated;
import io.signaling.schemas.session.SessionDeleted;
import io.signaling.schemas.session.SessionEvent;
import io.signaling.schemas.session.SessionExpired;
import io.signaling.schemas.session.SessionRefused;
import java.time.Instant;
import java.util.List;

/**
 * Turns the records of the history topics into timeline entries. Session events go
 * through the schema's deserializer (few, small records); signals and deliveries, the
 * bulk of the history, are read with {@link RecordFields}: only the fields an entry
 * shows, a signal's content kept as bytes (a relayed delivery's copy of it is left out of
 * its entry). {@code TimelineEntriesTest} holds the two ways to the same entries.
 *
 * <p>
 * Every accepted signal is one {@code signal-accepted} entry, whichever path it took: the
 * relay's signals have their {@code SignalAccepted} record; a signal routed at the edge
 * has only its direct {@code SignalDelivery}, which therefore gives both entries
 * (docs/architecture.md, "Edge routing").
 */
final class TimelineEntries {

    private static final RecordFields SIGNAL = new RecordFields(true, "id", "from", "to", "senderSessionId",
            "senderGatewayId");

    private static final RecordFields DELIVERY = new RecordFields(true, "type", "userId", "sessionId", "id", "from",
            "to", "gatewayId", "reason", "sourcePartition", "senderSessionId", "senderGatewayId");

    private TimelineEntries() {
    }

    /** Where a record sits in the log; {@code timestamp} in epoch milliseconds. */
    record Position(String topic, int partition, long offset, long timestamp) {

        /** The timestamp as the entries' {@code at}. */
        Instant at() {
            return Instant.ofEpochMilli(timestamp);
        }

    }

    static TimelineEntry sessionEvent(Position p, SessionEvent event) {
        String kind;
        String gateway = null;
        String reason = null;
        if (event instanceof SessionCreated created) {
            kind = "session-created";
            gateway = created.gatewayId();
        }
        else if (event instanceof SessionRefused refused) {
            kind = "session-refused";
            reason = refused.reason();
        }
        else if (event instanceof SessionAcked acked) {
            kind = "session-acked";
            gateway = acked.gatewayId();
        }
        else if (event instanceof SessionDeleted deleted) {
            kind = "session-deleted";
            reason = deleted.reason().code();
        }
        else if (event instanceof SessionExpired) {
            kind = "session-expired";
            reason = "not acked in time";
        }
        else {
            throw new IllegalArgumentException("unknown session event " + event.getClass().getSimpleName());
        }
        return new TimelineEntry(p.at(), kind, p.topic(), p.partition(), p.offset(), event.userId(), event.sessionId(),
                null, null, null, gateway, reason, null);
    }

    /** A {@code SignalAccepted} record. */
    static TimelineEntry signal(Position p, byte[] value) {
        RecordFields.Values v = SIGNAL.read(value);
        return new TimelineEntry(p.at(), "signal-accepted", p.topic(), p.partition(), p.offset(), null, v.get(3),
                v.get(0), v.get(1), v.get(2), v.get(4), null, v.content());
    }

    /**
     * A {@code Delivery} record's entries, in this order: {@code "type":"signal"}
     * ({@code SignalDelivery}) is {@code signal-delivered}, preceded by its
     * {@code signal-accepted} when the sender's gateway wrote it (a negative
     * {@code sourcePartition}: there is no signals record); {@code "rejection"} is
     * {@code signal-rejected}; {@code "receipt"}, a recipient's gateway's word to a
     * sender's, is not history and gives none.
     */
    static List<TimelineEntry> delivery(Position p, byte[] value) {
        RecordFields.Values v = DELIVERY.read(value);
        String type = v.get(0);
        if ("signal".equals(type)) {
            Instant at = p.at();
            TimelineEntry delivered = new TimelineEntry(at, "signal-delivered", p.topic(), p.partition(), p.offset(),
                    v.get(1), v.get(2), v.get(3), v.get(4), v.get(5), v.get(6), null, null);
            if (!direct(v.get(8))) {
                return List.of(delivered);
            }
            // As its SignalAccepted record would give it (signal()), at this record's
            // position.
            TimelineEntry accepted = new TimelineEntry(at, "signal-accepted", p.topic(), p.partition(), p.offset(),
                    null, v.get(9), v.get(3), v.get(4), v.get(5), v.get(10), null, v.content());
            return List.of(accepted, delivered);
        }
        if ("rejection".equals(type)) { // from: the rejected signal's sender, whom the
                                        // rejection is for; reason as the schema's
                                        // reader has it ("unknown" for a record
                                        // from before reasons were typed)
            return List.of(new TimelineEntry(p.at(), "signal-rejected", p.topic(), p.partition(), p.offset(), v.get(1),
                    v.get(2), v.get(3), v.get(1), v.get(5), v.get(6), RejectionReason.fromCode(v.get(7)).code(), null));
        }
        if ("receipt".equals(type)) {
            return List.of();
        }
        throw new IllegalArgumentException(
                type == null ? "a delivery without a type" : "unknown delivery type " + type);
    }

    /**
     * Whether a delivery's {@code sourcePartition} (as its text) is negative:
     * {@code SignalDelivery.direct()}.
     */
    private static boolean direct(String sourcePartition) {
        return sourcePartition != null && sourcePartition.startsWith("-");
    }

}

package io.signaling.audit.replay;

import io.signaling.schemas.delivery.RejectionReason;
import io.signaling.schemas.session.SessionAcked;
import io.signaling.schemas.session.SessionCreated;
import io.signaling.schemas.session.SessionDeleted;
import io.signaling.schemas.session.SessionEvent;
import io.signaling.schemas.session.SessionExpired;
import io.signaling.schemas.session.SessionRefused;

/**
 * Turns the records of the history topics into timeline entries. Session events go
 * through the schema's deserializer (few, small records); signals and deliveries, the
 * bulk of the history, are read with {@link RecordFields}: only the fields an entry
 * shows, a signal's content kept as bytes, a delivery's copy of it skipped.
 * {@code TimelineEntriesTest} holds the two ways to the same entries.
 */
final class TimelineEntries {

    private static final RecordFields SIGNAL = new RecordFields(true, "id", "from", "to", "senderSessionId",
            "senderGatewayId");

    private static final RecordFields DELIVERY = new RecordFields(false, "type", "userId", "sessionId", "id", "from",
            "to", "gatewayId", "reason");

    private TimelineEntries() {
    }

    /** Where a record sits in the log; {@code timestamp} in epoch milliseconds. */
    record Position(String topic, int partition, long offset, long timestamp) {
    }

    static ReplayEntry sessionEvent(Position p, SessionEvent event) {
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
        return new ReplayEntry(p.timestamp(), kind, p.topic(), p.partition(), p.offset(), event.userId(),
                event.sessionId(), null, null, null, gateway, reason, null);
    }

    /** A {@code SignalAccepted} record. */
    static ReplayEntry signal(Position p, byte[] value) {
        RecordFields.Values v = SIGNAL.read(value);
        return new ReplayEntry(p.timestamp(), "signal-accepted", p.topic(), p.partition(), p.offset(), null, v.get(3),
                v.get(0), v.get(1), v.get(2), v.get(4), null, v.content());
    }

    /**
     * A {@code Delivery} record: {@code "type":"signal"} ({@code SignalDelivery}) or
     * {@code "rejection"}.
     */
    static ReplayEntry delivery(Position p, byte[] value) {
        RecordFields.Values v = DELIVERY.read(value);
        String type = v.get(0);
        if ("signal".equals(type)) {
            return new ReplayEntry(p.timestamp(), "signal-delivered", p.topic(), p.partition(), p.offset(), v.get(1),
                    v.get(2), v.get(3), v.get(4), v.get(5), v.get(6), null, null);
        }
        if ("rejection".equals(type)) { // from: the rejected signal's sender, whom the
                                        // rejection is for; reason as the schema's
                                        // reader has it ("unknown" for a record
                                        // from before reasons were typed)
            return new ReplayEntry(p.timestamp(), "signal-rejected", p.topic(), p.partition(), p.offset(), v.get(1),
                    v.get(2), v.get(3), v.get(1), v.get(5), v.get(6), RejectionReason.fromCode(v.get(7)).code(), null);
        }
        throw new IllegalArgumentException(
                type == null ? "a delivery without a type" : "unknown delivery type " + type);
    }

}

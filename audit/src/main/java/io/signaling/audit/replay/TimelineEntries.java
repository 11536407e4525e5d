package io.signaling.audit.replay;

import io.signaling.schemas.audit.TimelineEntry;
import io.signaling.schemas.delivery.Delivery;
import io.signaling.schemas.delivery.SignalDelivery;
import io.signaling.schemas.delivery.SignalRejection;
import io.signaling.schemas.session.SessionAcked;
import io.signaling.schemas.session.SessionCreated;
import io.signaling.schemas.session.SessionDeleted;
import io.signaling.schemas.session.SessionEvent;
import io.signaling.schemas.session.SessionExpired;
import io.signaling.schemas.session.SessionRefused;
import io.signaling.schemas.signal.SignalAccepted;
import java.time.Instant;

/** Turns the records of the history topics into timeline entries. */
final class TimelineEntries {

    private TimelineEntries() {
    }

    record Position(String topic, int partition, long offset, Instant at) {
    }

    static TimelineEntry of(Position p, SessionEvent event) {
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

    static TimelineEntry of(Position p, SignalAccepted signal) {
        return new TimelineEntry(p.at(), "signal-accepted", p.topic(), p.partition(), p.offset(), null,
                signal.senderSessionId(), signal.id(), signal.from(), signal.to(), signal.senderGatewayId(), null,
                signal.content());
    }

    static TimelineEntry of(Position p, Delivery delivery) {
        if (delivery instanceof SignalDelivery d) {
            return new TimelineEntry(p.at(), "signal-delivered", p.topic(), p.partition(), p.offset(), d.userId(),
                    d.sessionId(), d.id(), d.from(), d.to(), d.gatewayId(), null, null);
        }
        SignalRejection r = (SignalRejection) delivery;
        return new TimelineEntry(p.at(), "signal-rejected", p.topic(), p.partition(), p.offset(), r.userId(),
                r.sessionId(), r.id(), r.userId(), r.to(), r.gatewayId(), r.code(), null);
    }
}

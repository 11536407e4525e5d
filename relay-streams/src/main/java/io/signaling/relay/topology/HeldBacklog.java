package io.signaling.relay.topology;

import io.signaling.schemas.json.Serdes;
import org.apache.kafka.common.serialization.Serde;

/**
 * What {@code held-signals-store} holds for one recipient, in
 * {@code held-backlogs-store}: enough to enforce the per-recipient bound without
 * scanning, and to know what is to be done with it.
 *
 * @param sessionId the recipient's session the signals were held for
 * @param count signals held
 * @param bytes their size (the signal records' bytes)
 * @param status {@code HOLDING} while the session is not acked; {@code RELEASING} once it
 * is, until every held signal is delivered (newer signals queue behind them, so order
 * holds); {@code REJECTING} once the session ended, until every one is answered
 */
record HeldBacklog(String sessionId, int count, long bytes, Status status) {

    enum Status {

        HOLDING, RELEASING, REJECTING

    }

    static Serde<HeldBacklog> serde() {
        return Serdes.json(HeldBacklog.class);
    }

    HeldBacklog plus(int size) {
        return new HeldBacklog(sessionId, count + 1, bytes + size, status);
    }

    HeldBacklog minus(int signals, long size) {
        return new HeldBacklog(sessionId, Math.max(0, count - signals), Math.max(0, bytes - size), status);
    }

    HeldBacklog with(Status next) {
        return new HeldBacklog(sessionId, count, bytes, next);
    }
}

package io.signaling.schemas.session;

/**
 * The one fold from session events to the session table. The relay applies it to the
 * events it decides; {@code audit rebuild} applies it to the session-events log to prove
 * the two agree. Idempotent: replaying an event that is already reflected leaves the row
 * as it is.
 */
public final class SessionTable {

    private SessionTable() {
    }

    /** The row after {@code event}, or {@code null} when the user has no live session. */
    public static SessionState evolve(SessionState current, SessionEvent event) {
        // Java 17 baseline: no pattern-matching switch, so a chain of instanceof over the
        // sealed type.
        if (event instanceof SessionCreated created) {
            if (current != null) {
                return current; // exactly one live session per userId; a replayed create
                                // changes nothing
            }
            return new SessionState(created.userId(), created.sessionId(), created.keyHash(), created.gatewayId(),
                    created.listeningAddress(), created.deliveryPartition(), false, created.at(), created.expiresAt(),
                    null);
        }
        if (event instanceof SessionAcked acked) {
            return isSame(current, acked) && !current.acked() ? current.ack(acked.at()) : current;
        }
        if (event instanceof SessionDeleted || event instanceof SessionExpired) {
            return isSame(current, event) ? null : current;
        }
        return current; // SessionRefused leaves the table as it is
    }

    private static boolean isSame(SessionState current, SessionEvent event) {
        return current != null && current.sessionId().equals(event.sessionId());
    }

}

package io.signaling.schemas.session;

import java.time.Instant;

/**
 * A create lost: the userId already had a live session. Kept in the log for the audit
 * trail.
 */
public record SessionRefused(String userId, String sessionId, String reason, Instant at) implements SessionEvent {

    public static final String USER_ID_TAKEN = "user-id-taken";

}

package io.signaling.schemas.session;

import java.time.Instant;

/** The session ended; {@link DeleteReason} says why. Its userId is free again. */
public record SessionDeleted(String userId, String sessionId, DeleteReason reason, Instant at) implements SessionEvent {
}

package io.signaling.schemas.session;

import java.time.Instant;

/** The session was never acked within the TTL. Its userId is free again. */
public record SessionExpired(String userId, String sessionId, Instant at) implements SessionEvent {
}

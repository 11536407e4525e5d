package io.signaling.schemas.session;

import java.time.Instant;

/**
 * {@code DELETE /sessions/{userId}} with a valid key: end that very session (never a
 * newer one).
 */
public record EndSession(String userId, String sessionId, Instant requestedAt) implements SessionCommand {
}

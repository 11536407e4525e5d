package io.signaling.schemas.session;

import java.time.Instant;

/**
 * {@code POST /connect}: create a session for {@code userId} bound to one gateway. The
 * sessionId is chosen by the requester so it can recognise the outcome
 * ({@link SessionCreated} or {@link SessionRefused}) on the session-events topic.
 */
public record CreateSession(String userId, String sessionId, String keyHash, String gatewayId, String listeningAddress,
        int deliveryPartition, Instant requestedAt) implements SessionCommand {
}

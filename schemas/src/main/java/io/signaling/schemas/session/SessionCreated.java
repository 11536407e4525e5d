package io.signaling.schemas.session;

import java.time.Instant;

/**
 * A create won: the session exists, bound to a gateway, and is not acked until that
 * gateway says so.
 */
public record SessionCreated(String userId, String sessionId, String keyHash, String gatewayId, String listeningAddress,
        int deliveryPartition, Instant at, Instant expiresAt) implements SessionEvent {
}

package io.signaling.schemas.session;

import java.time.Instant;

/**
 * One row of the session table, derived from {@link SessionEvent}s only, keyed by userId
 * on the compacted sessions topic (a tombstone once the session ends). Never carries the
 * key in clear.
 */
public record SessionState(String userId, String sessionId, String keyHash, String gatewayId, String listeningAddress,
        int deliveryPartition, boolean acked, Instant createdAt, Instant expiresAt, Instant ackedAt) {

    public SessionState ack(Instant at) {
        return new SessionState(userId, sessionId, keyHash, gatewayId, listeningAddress, deliveryPartition, true,
                createdAt, expiresAt, at);
    }
}

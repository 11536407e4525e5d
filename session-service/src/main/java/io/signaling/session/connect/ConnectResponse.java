package io.signaling.session.connect;

import java.time.Instant;

/**
 * The 201 body of {@code POST /connect}: the contract's four fields, then ours. The only
 * place the listening key ever appears in clear, once.
 */
record ConnectResponse(String userId, String listeningAddress, String listeningKey, boolean acked, String sessionId,
        Instant expiresAt) {
}

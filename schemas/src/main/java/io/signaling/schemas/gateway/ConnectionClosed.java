package io.signaling.schemas.gateway;

import io.signaling.schemas.session.DeleteReason;
import java.time.Instant;

/**
 * The session's connection closed or was lost: the session is deleted with
 * {@code reason}.
 */
public record ConnectionClosed(String userId, String sessionId, String gatewayId, DeleteReason reason,
        Instant at) implements GatewayReport {
}

package io.signaling.schemas.gateway;

import java.time.Instant;

/**
 * A client opened the SockJS connection of its session on this gateway: the session is
 * acked.
 */
public record ConnectionOpened(String userId, String sessionId, String gatewayId, Instant at) implements GatewayReport {
}

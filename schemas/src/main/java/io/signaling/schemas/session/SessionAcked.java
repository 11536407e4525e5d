package io.signaling.schemas.session;

import java.time.Instant;

/** The client opened its SockJS connection on the session's gateway. */
public record SessionAcked(String userId, String sessionId, String gatewayId, Instant at) implements SessionEvent {
}

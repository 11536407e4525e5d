package io.signaling.gateway.frame;

import org.springframework.web.socket.CloseStatus;

/**
 * Every SockJS close status the gateway sends. Codes 4000-4999 are for applications (RFC 6455
 * §7.4.2); a browser's SockJS client shows them as {@code c[code,"reason"]} or as the close event.
 */
public final class CloseCodes {

    /** A refused connection on the HTTP transports (the websocket transport gets HTTP 403 instead). */
    public static final int REFUSED = 4403;

    /** The session of this connection was deleted or expired (e.g. {@code DELETE /sessions/{userId}}). */
    public static final CloseStatus SESSION_ENDED = new CloseStatus(4001, "session-ended");

    /** The gateway is shutting down; the session is deleted with reason {@code gateway-shutdown}. */
    public static final CloseStatus GATEWAY_SHUTDOWN = CloseStatus.GOING_AWAY.withReason("gateway-shutdown");

    private CloseCodes() {
    }

    public static CloseStatus refused(Refusal refusal) {
        return new CloseStatus(REFUSED, refusal.reason());
    }

    /** Why a connection was refused: the reason of {@code c[4403,"<reason>"]}, also logged. */
    public enum Refusal {
        /** No {@code userId}/{@code token}, or a userId that breaks the contract's rule. */
        INVALID_REQUEST("invalid-request"),
        /** No live session for that userId (after waiting for the view to catch up). */
        NO_SESSION("no-session"),
        /** The token does not match the session's listening key. */
        INVALID_KEY("invalid-key"),
        /** The session is bound to another gateway. */
        WRONG_GATEWAY("wrong-gateway"),
        /** The session already has (or had) a connection: a session is acked once. */
        ALREADY_CONNECTED("already-connected"),
        /** This gateway is draining for shutdown. */
        SHUTTING_DOWN("gateway-shutting-down");

        private final String reason;

        Refusal(String reason) {
            this.reason = reason;
        }

        public String reason() {
            return reason;
        }
    }
}

package io.signaling.gateway.frame;

import org.springframework.web.socket.CloseStatus;

/**
 * Every SockJS close status the gateway sends. Codes 4000-4999 are for applications (RFC
 * 6455 §7.4.2); a browser's SockJS client shows them as {@code c[code,"reason"]} or as
 * the close event.
 */
public final class CloseCodes {

    /**
     * A refused connection on the HTTP transports (the websocket transport gets HTTP 403
     * instead).
     */
    public static final int REFUSED = 4403;

    /**
     * The session of this connection was deleted or expired (e.g. {@code DELETE
     * /sessions/{userId}}).
     */
    public static final CloseStatus SESSION_ENDED = new CloseStatus(4001, "session-ended");

    /**
     * The client did not read what it was sent: its queue went over
     * {@code send-buffer-limit}, or nothing could be written to it for
     * {@code send-time-limit} while frames waited (signaling-v1 §2). The session is
     * deleted {@code connection-lost}; queued signals are answered
     * {@code recipient-unavailable} to their senders.
     */
    public static final CloseStatus SLOW_CONSUMER = new CloseStatus(4008, "slow-consumer");

    /**
     * The gateway gave up on a connection that no longer answers: no pong to a WebSocket
     * ping within {@code pong-timeout}, or a write failed. The client rarely sees it (it
     * is gone); the session is deleted {@code connection-lost}.
     */
    public static final CloseStatus CONNECTION_LOST = new CloseStatus(4408, "connection-lost");

    /**
     * A signal of this client went to the signal log and Kafka could not say whether it
     * landed (the producer gave up after {@code delivery.timeout.ms}): neither an
     * {@code ack} nor {@code overloaded} ("nothing was written") would be true, so the
     * connection ends, as any lost connection does, and the client knows its unanswered
     * messages' fate is unknown. The session is deleted {@code connection-lost}.
     */
    public static final CloseStatus SIGNAL_LOG_UNAVAILABLE = CloseStatus.SERVER_ERROR
        .withReason("signal-log-unavailable");

    /**
     * The gateway is shutting down; the session is deleted with reason
     * {@code gateway-shutdown}.
     */
    public static final CloseStatus GATEWAY_SHUTDOWN = CloseStatus.GOING_AWAY.withReason("gateway-shutdown");

    private CloseCodes() {
    }

    /**
     * Too many handshakes from one client address, on the HTTP transports (the websocket
     * transport gets HTTP 429).
     */
    public static final int RATE_LIMITED = 4429;

    public static CloseStatus refused(Refusal refusal) {
        return new CloseStatus(refusal == Refusal.RATE_LIMITED ? RATE_LIMITED : REFUSED, refusal.reason());
    }

    /**
     * Why a connection was refused: the reason of {@code c[4403,"<reason>"]}, also
     * logged.
     */
    public enum Refusal {

        /**
         * No {@code userId}/{@code token}, or a userId that breaks the contract's rule.
         */
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
        SHUTTING_DOWN("gateway-shutting-down"),
        /**
         * This gateway holds {@code signaling.gateway.max-connections}. Session-service
         * binds no new session to a full gateway (it reads the limit from heartbeats), so
         * this is the last guard against a race; the session is left as it is (a refusal
         * acks and deletes nothing) and expires unacked.
         */
        GATEWAY_FULL("gateway-full"),
        /**
         * Too many handshakes from this client address
         * ({@code signaling.gateway.handshake-rate.*}): close 4429, HTTP 429.
         */
        RATE_LIMITED("rate-limited");

        private final String reason;

        Refusal(String reason) {
            this.reason = reason;
        }

        public String reason() {
            return reason;
        }

    }

}

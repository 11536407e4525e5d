package io.signaling.gateway.frame;

/**
 * Every {@code code} the gateway puts in an {@code {"type":"error"}} frame: the
 * contract's (signaling-v1 §2), no other.
 */
public enum ErrorCode {

    /**
     * Not JSON, not an object, no valid {@code to}, or an {@code id} that is not a string
     * of 1 to 64 characters.
     */
    INVALID_MESSAGE("invalid-message"),
    /**
     * The SockJS message is over {@code signaling.gateway.max-message-bytes} of UTF-8.
     */
    MESSAGE_TOO_LARGE("message-too-large"),
    /** {@code from} is present and is not the sender's userId. */
    FROM_MISMATCH("from-mismatch"),
    /**
     * The relay could not deliver the signal (a {@code SignalRejection}, whatever its
     * reason: no session, session ended, held limit, too large, ...); the text says which
     * ({@link OutgoingFrames#rejection}).
     */
    RECIPIENT_UNAVAILABLE("recipient-unavailable"),
    /**
     * The connection is over its token bucket ({@code signaling.gateway.rate-limit.*}).
     */
    RATE_LIMITED("rate-limited"),
    /**
     * The platform cannot take the message now: the gateway is shedding load
     * ({@code AdmissionControl}), or the signal log did not take it (Kafka unreachable,
     * or the write timed out). Nothing was acked; the client may send it again later.
     */
    OVERLOADED("overloaded");

    private final String code;

    ErrorCode(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

}

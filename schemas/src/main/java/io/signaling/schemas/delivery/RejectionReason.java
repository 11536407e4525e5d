package io.signaling.schemas.delivery;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Why the relay could not deliver a signal, as written in {@link SignalRejection} and
 * shown by the audit replay. Not a client-facing code: every reason reaches the client as
 * {@code recipient-unavailable}, with a text the gateway chooses by reason.
 */
public enum RejectionReason {

    /** The recipient had no session when the signal was routed. */
    NO_SESSION("no-session"),
    /** The signal was held for the recipient, whose session ended before it acked. */
    SESSION_ENDED("session-ended"),
    /** The recipient's held backlog was full (signaling.relay.held.*). */
    HELD_LIMIT("held-limit"),
    /** The delivery, or its held copy, would be over signaling.relay.max-record-bytes. */
    TOO_LARGE("too-large"),
    /** Routing, holding or releasing the signal failed in the relay. */
    PROCESSING_ERROR("processing-error"),
    /**
     * The recipient's gateway could not hand the delivery over: the connection was gone
     * or did not take it ({@code DeliveryFailed}).
     */
    CONNECTION_GONE("connection-gone"),
    /**
     * Not known to this reader: a record written before reasons were typed (it has none),
     * or by a newer relay with a reason this version does not know.
     */
    UNKNOWN("unknown");

    private final String code;

    RejectionReason(String code) {
        this.code = code;
    }

    @JsonValue
    public String code() {
        return code;
    }

    /**
     * The reason written as {@code code}; {@link #UNKNOWN} for none or one this version
     * does not know, so an old or newer record still reads.
     */
    @JsonCreator
    public static RejectionReason fromCode(String code) {
        for (RejectionReason reason : values()) {
            if (reason.code.equals(code)) {
                return reason;
            }
        }
        return UNKNOWN;
    }

}

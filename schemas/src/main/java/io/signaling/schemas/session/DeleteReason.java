package io.signaling.schemas.session;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Why a session ended, as written in {@link SessionDeleted} and shown by the audit
 * replay.
 */
public enum DeleteReason {

    /** The client closed its SockJS connection. */
    CONNECTION_CLOSED("connection-closed"),
    /** The connection was lost: heartbeat timeout or transport error. */
    CONNECTION_LOST("connection-lost"),
    /** {@code DELETE /sessions/{userId}} with the session's key. */
    DELETED_BY_CLIENT("deleted-by-client"),
    /** The gateway shut down gracefully and closed its connections first. */
    GATEWAY_SHUTDOWN("gateway-shutdown"),
    /** The gateway stopped heart-beating and was declared dead. */
    GATEWAY_LOST("gateway-lost");

    private final String code;

    DeleteReason(String code) {
        this.code = code;
    }

    @JsonValue
    public String code() {
        return code;
    }

}

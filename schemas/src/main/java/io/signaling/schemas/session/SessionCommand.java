package io.signaling.schemas.session;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * A request to change a session, keyed by userId on the session-commands topic. The relay
 * decides it against the session table (exactly one create wins per userId) and answers
 * with {@link SessionEvent}s. Written only by session-service.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({ @JsonSubTypes.Type(value = CreateSession.class, name = "create-session"),
        @JsonSubTypes.Type(value = EndSession.class, name = "end-session") })
public sealed interface SessionCommand permits CreateSession, EndSession {

    String userId();

    String sessionId();

}

package io.signaling.schemas.session;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.time.Instant;

/**
 * What happened to a session, keyed by userId on the session-events topic: the source of
 * truth of the session table ({@link SessionTable#evolve}). Written only by
 * relay-streams.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({ @JsonSubTypes.Type(value = SessionCreated.class, name = "session-created"),
        @JsonSubTypes.Type(value = SessionRefused.class, name = "session-refused"),
        @JsonSubTypes.Type(value = SessionAcked.class, name = "session-acked"),
        @JsonSubTypes.Type(value = SessionDeleted.class, name = "session-deleted"),
        @JsonSubTypes.Type(value = SessionExpired.class, name = "session-expired") })
public sealed interface SessionEvent
        permits SessionCreated, SessionRefused, SessionAcked, SessionDeleted, SessionExpired {

    String userId();

    String sessionId();

    Instant at();

}

package io.signaling.session.sessions;

import io.signaling.schemas.session.SessionState;

/** {@code GET /sessions/{userId}}: never the key, nor its hash. */
record SessionResponse(String userId, String listeningAddress, boolean acked) {

    static SessionResponse of(SessionState session) {
        return new SessionResponse(session.userId(), session.listeningAddress(), session.acked());
    }
}

package io.signaling.session.sessions;

import io.signaling.schemas.security.ListeningKeys;
import io.signaling.schemas.session.EndSession;
import io.signaling.schemas.session.SessionDeleted;
import io.signaling.schemas.session.SessionEvent;
import io.signaling.schemas.session.SessionExpired;
import io.signaling.schemas.session.SessionState;
import io.signaling.session.commands.SessionCommands;
import io.signaling.session.system.ApiException;
import io.signaling.session.system.Deadline;
import io.signaling.session.system.ErrorCode;
import io.signaling.session.system.SessionProperties;
import io.signaling.session.view.SessionOutcomes;
import io.signaling.session.view.SessionView;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * {@code DELETE /sessions/{userId}}: checks the key against the view's hash, then asks
 * the relay to end that very session (by sessionId, so a newer session of the same user
 * is never touched) and answers once it is gone from the log and from the view, so a GET
 * right after says 404.
 */
@Service
class EndSessionService {

    private static final Logger log = LoggerFactory.getLogger(EndSessionService.class);

    private final SessionView view;

    private final SessionCommands commands;

    private final SessionOutcomes outcomes;

    private final SessionProperties properties;

    private final Clock clock;

    EndSessionService(SessionView view, SessionCommands commands, SessionOutcomes outcomes,
            SessionProperties properties, Clock clock) {
        this.view = view;
        this.commands = commands;
        this.outcomes = outcomes;
        this.properties = properties;
        this.clock = clock;
    }

    void end(String userId, String presentedKey) {
        SessionState session = view.find(userId).orElseThrow(() -> SessionsController.notFound(userId));
        if (!ListeningKeys.matches(presentedKey, session.keyHash())) {
            throw new ApiException(ErrorCode.INVALID_KEY, "missing or wrong listening key");
        }
        String sessionId = session.sessionId();
        Deadline deadline = Deadline.in(properties.decisionTimeout());
        // listen before sending; an expiry that beats our command ends the session just
        // as well
        CompletableFuture<SessionEvent> ended = outcomes.next(sessionId,
                event -> event instanceof SessionDeleted || event instanceof SessionExpired);
        // and the tombstone in our view, so that a GET right after the 204 says 404
        CompletableFuture<?> gone = view.awaitRow(userId,
                row -> row.isEmpty() || !row.get().sessionId().equals(sessionId));
        try {
            if (!appended(new EndSession(userId, sessionId, clock.instant()), deadline)) {
                throw new ApiException(ErrorCode.RELAY_UNAVAILABLE, "Kafka did not take the request in time");
            }
            // If the session ended before we listened, the relay has nothing to say: the
            // view decides.
            if (!deadline.completes(CompletableFuture.allOf(ended, gone)) && !gone.isDone()) {
                throw new ApiException(ErrorCode.RELAY_UNAVAILABLE, "the relay did not end the session in time");
            }
        }
        finally {
            ended.cancel(false);
            gone.cancel(false);
        }
    }

    private boolean appended(EndSession command, Deadline deadline) {
        try {
            return deadline.completes(commands.send(command));
        }
        catch (RuntimeException e) {
            log.warn("EndSession for {} not appended: {}", command.userId(), e.getClass().getSimpleName());
            return false;
        }
    }

}

package io.signaling.session.view;

import io.signaling.schemas.session.SessionEvent;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;

/**
 * The relay's answers on the session-events topic, matched by sessionId. Register before
 * sending the command: only events read after registration complete the future. Cancel it
 * to stop waiting.
 */
public interface SessionOutcomes {

    CompletableFuture<SessionEvent> next(String sessionId, Predicate<SessionEvent> accepts);

}

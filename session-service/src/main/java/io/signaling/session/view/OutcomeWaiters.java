package io.signaling.session.view;

import io.micrometer.core.instrument.MeterRegistry;
import io.signaling.schemas.session.SessionEvent;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import org.springframework.stereotype.Component;

/**
 * Session events read from the end of the log, handed to whoever waits for that
 * sessionId.
 */
@Component
class OutcomeWaiters implements SessionOutcomes {

    private final Waiters<String, SessionEvent> waiters;

    OutcomeWaiters(MeterRegistry meters) {
        this.waiters = new Waiters<>(meters, "decision");
    }

    void apply(SessionEvent event) {
        if (event.sessionId() != null) {
            waiters.offer(event.sessionId(), event);
        }
    }

    @Override
    public CompletableFuture<SessionEvent> next(String sessionId, Predicate<SessionEvent> accepts) {
        return waiters.register(sessionId, accepts);
    }

}

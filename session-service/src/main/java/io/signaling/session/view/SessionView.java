package io.signaling.session.view;

import io.signaling.schemas.session.SessionState;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;

/**
 * This instance's view of the session table (the compacted sessions topic), rebuilt from
 * Kafka at start. It answers reads; it never decides anything: only the relay does.
 */
public interface SessionView {

    Optional<SessionState> find(String userId);

    /** Sessions bound to this gateway, for picking the least loaded one. */
    int sessionsOn(String gatewayId);

    /**
     * True once the view has read up to the end offsets taken when it (last) started
     * reading; false again while it reads the topics again from the beginning after its
     * consumer was lost.
     */
    boolean isCaughtUp();

    /**
     * Completes with the user's row (empty when there is none) as soon as it satisfies
     * {@code condition}, possibly at once. Cancel it to stop waiting.
     */
    CompletableFuture<Optional<SessionState>> awaitRow(String userId, Predicate<Optional<SessionState>> condition);

}

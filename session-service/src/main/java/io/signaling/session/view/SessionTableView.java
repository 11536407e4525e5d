package io.signaling.session.view;

import io.micrometer.core.instrument.MeterRegistry;
import io.signaling.schemas.session.SessionState;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.springframework.stereotype.Component;

/**
 * The sessions topic folded into a map: last row per userId, a tombstone removes it. Only the view
 * consumer thread writes; request threads read. Per-gateway counts are kept alongside so picking a
 * gateway does not scan every session.
 */
@Component
class SessionTableView implements SessionView {

    private final Map<String, SessionState> rows = new ConcurrentHashMap<>();
    private final Map<String, Integer> perGateway = new ConcurrentHashMap<>();
    private final Waiters<String, Optional<SessionState>> waiters;
    private volatile boolean caughtUp;

    SessionTableView(MeterRegistry meters) {
        this.waiters = new Waiters<>(meters, "session-row");
    }

    /** Applies one record of the sessions topic; {@code row} null is a tombstone. */
    void apply(String userId, SessionState row) {
        SessionState previous = row == null ? rows.remove(userId) : rows.put(userId, row);
        if (previous != null) {
            perGateway.computeIfPresent(previous.gatewayId(), (gateway, count) -> count == 1 ? null : count - 1);
        }
        if (row != null) {
            perGateway.merge(row.gatewayId(), 1, Integer::sum);
        }
        waiters.offer(userId, Optional.ofNullable(row));
    }

    void markCaughtUp() {
        caughtUp = true;
    }

    @Override
    public Optional<SessionState> find(String userId) {
        return Optional.ofNullable(rows.get(userId));
    }

    @Override
    public int sessionsOn(String gatewayId) {
        return perGateway.getOrDefault(gatewayId, 0);
    }

    @Override
    public boolean isCaughtUp() {
        return caughtUp;
    }

    @Override
    public CompletableFuture<Optional<SessionState>> awaitRow(String userId,
            Predicate<Optional<SessionState>> condition) {
        // register first, then look: a row applied in between is seen by one or the other
        CompletableFuture<Optional<SessionState>> future = waiters.register(userId, condition);
        Optional<SessionState> current = find(userId);
        if (condition.test(current)) {
            future.complete(current);
        }
        return future;
    }
}

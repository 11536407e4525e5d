package io.signaling.session.view;

import io.micrometer.core.instrument.MeterRegistry;
import io.signaling.edge.CompactedTable;
import io.signaling.schemas.session.SessionState;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.springframework.stereotype.Component;

/**
 * The sessions topic folded into a map: last row per userId, a tombstone removes it. Only
 * the view consumer thread writes; request threads read. Per-gateway counts are kept
 * alongside so picking a gateway does not scan every session.
 *
 * <p>
 * When the view consumer lost its consumer, the table is read again from the beginning
 * and is not caught up meanwhile. Rows read during that rebuild may be older than what
 * the table held (their later versions not compacted yet), so they are not offered to
 * waiting requests; once caught up again, each waiting request sees its user's row as it
 * now is.
 */
@Component
class SessionTableView implements SessionView {

    private final CompactedTable<SessionState> rows = new CompactedTable<>("Session table view");

    private final Map<String, Integer> perGateway = new ConcurrentHashMap<>();

    private final Waiters<String, Optional<SessionState>> waiters;

    private volatile boolean rebuilding; // view consumer's thread only writes

    SessionTableView(MeterRegistry meters) {
        this.waiters = new Waiters<>(meters, "session-row");
        rows.addListener(this::changed);
    }

    /** Applies one record of the sessions topic; {@code row} null is a tombstone. */
    void apply(String userId, SessionState row) {
        rows.apply(userId, row);
    }

    private void changed(String userId, SessionState previous, SessionState row) {
        if (previous != null) {
            perGateway.computeIfPresent(previous.gatewayId(), (gateway, count) -> count == 1 ? null : count - 1);
        }
        if (row != null) {
            perGateway.merge(row.gatewayId(), 1, Integer::sum);
        }
        if (!rebuilding) {
            waiters.offer(userId, Optional.ofNullable(row));
        }
    }

    void markCaughtUp() {
        if (rows.markCaughtUp() && rebuilding) {
            rebuilding = false;
            waiters.keys().forEach(userId -> waiters.offer(userId, find(userId)));
        }
    }

    /** The view consumer lost its consumer and reads again from the beginning. */
    void restart() {
        rebuilding = true;
        rows.restart();
        perGateway.clear();
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
        return rows.caughtUp();
    }

    @Override
    public CompletableFuture<Optional<SessionState>> awaitRow(String userId,
            Predicate<Optional<SessionState>> condition) {
        // register first, then look: a row applied in between is seen by one or the other
        CompletableFuture<Optional<SessionState>> future = waiters.register(userId, condition);
        Optional<SessionState> current = find(userId);
        if (!rebuilding && condition.test(current)) {
            future.complete(current);
        }
        return future;
    }

}

package io.signaling.session.testing;

import io.signaling.schemas.session.CreateSession;
import io.signaling.schemas.session.DeleteReason;
import io.signaling.schemas.session.EndSession;
import io.signaling.schemas.session.SessionCommand;
import io.signaling.schemas.session.SessionCreated;
import io.signaling.schemas.session.SessionDeleted;
import io.signaling.schemas.session.SessionEvent;
import io.signaling.schemas.session.SessionRefused;
import io.signaling.schemas.session.SessionState;
import io.signaling.schemas.session.SessionTable;
import io.signaling.session.commands.SessionCommands;
import io.signaling.session.view.SessionOutcomes;
import io.signaling.session.view.SessionView;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * Our three Kafka-facing ports in memory, deciding like the relay: first create per
 * userId wins, the table follows {@link SessionTable#evolve}. {@link #silence()} makes it
 * take commands and never answer, as a relay that is down.
 */
public final class FakeRelay implements SessionCommands, SessionOutcomes, SessionView {

    private final Map<String, SessionState> table = new ConcurrentHashMap<>();

    private final List<Waiter<SessionEvent>> eventWaiters = new CopyOnWriteArrayList<>();

    private final List<Waiter<Optional<SessionState>>> rowWaiters = new CopyOnWriteArrayList<>();

    private final List<SessionCommand> received = new CopyOnWriteArrayList<>();

    private volatile boolean silent;

    private volatile boolean caughtUp = true;

    public void reset() {
        table.clear();
        eventWaiters.clear();
        rowWaiters.clear();
        received.clear();
        silent = false;
        caughtUp = true;
    }

    public void silence() {
        silent = true;
    }

    public void loading() {
        caughtUp = false;
    }

    public List<SessionCommand> received() {
        return List.copyOf(received);
    }

    /** A session as if created earlier, with the hash of {@code key}. */
    public SessionState add(String userId, String gatewayId, String keyHash, boolean acked) {
        Instant now = Instant.now();
        SessionState row = new SessionState(userId, "sid-" + userId, keyHash, gatewayId, "http://127.0.0.1:9/ws", 0,
                acked, now, now.plusSeconds(30), acked ? now : null);
        table.put(userId, row);
        return row;
    }

    @Override
    public CompletableFuture<Void> send(SessionCommand command) {
        received.add(command);
        if (!silent) {
            decide(command);
        }
        return CompletableFuture.completedFuture(null);
    }

    private synchronized void decide(SessionCommand command) {
        SessionState current = table.get(command.userId());
        SessionEvent event;
        if (command instanceof CreateSession create) {
            boolean free = current == null || current.sessionId().equals(create.sessionId());
            event = free
                    ? new SessionCreated(create.userId(), create.sessionId(), create.keyHash(), create.gatewayId(),
                            create.listeningAddress(), create.deliveryPartition(), Instant.now(),
                            Instant.now().plus(Duration.ofSeconds(30)))
                    : new SessionRefused(create.userId(), create.sessionId(), SessionRefused.USER_ID_TAKEN,
                            Instant.now());
        }
        else if (command instanceof EndSession end && current != null && current.sessionId().equals(end.sessionId())) {
            event = new SessionDeleted(end.userId(), end.sessionId(), DeleteReason.DELETED_BY_CLIENT, Instant.now());
        }
        else {
            return;
        }
        offer(eventWaiters, event);
        SessionState next = SessionTable.evolve(current, event);
        if (next == null) {
            table.remove(command.userId());
        }
        else {
            table.put(command.userId(), next);
        }
        offerRow(command.userId());
    }

    private void offerRow(String userId) {
        Optional<SessionState> row = find(userId);
        for (Waiter<Optional<SessionState>> waiter : rowWaiters) {
            if (waiter.key().equals(userId) && waiter.condition().test(row)) {
                waiter.future().complete(row);
            }
        }
        rowWaiters.removeIf(waiter -> waiter.future().isDone());
    }

    private static void offer(List<Waiter<SessionEvent>> waiters, SessionEvent event) {
        for (Waiter<SessionEvent> waiter : waiters) {
            if (waiter.key().equals(event.sessionId()) && waiter.condition().test(event)) {
                waiter.future().complete(event);
            }
        }
        waiters.removeIf(waiter -> waiter.future().isDone());
    }

    @Override
    public CompletableFuture<SessionEvent> next(String sessionId, Predicate<SessionEvent> accepts) {
        Waiter<SessionEvent> waiter = new Waiter<>(sessionId, accepts, new CompletableFuture<>());
        eventWaiters.add(waiter);
        return waiter.future();
    }

    @Override
    public Optional<SessionState> find(String userId) {
        return Optional.ofNullable(table.get(userId));
    }

    @Override
    public int sessionsOn(String gatewayId) {
        return (int) table.values().stream().filter(row -> row.gatewayId().equals(gatewayId)).count();
    }

    @Override
    public boolean isCaughtUp() {
        return caughtUp;
    }

    @Override
    public CompletableFuture<Optional<SessionState>> awaitRow(String userId,
            Predicate<Optional<SessionState>> condition) {
        Waiter<Optional<SessionState>> waiter = new Waiter<>(userId, condition, new CompletableFuture<>());
        rowWaiters.add(waiter);
        offerRow(userId);
        return waiter.future();
    }

    private record Waiter<V>(String key, Predicate<V> condition, CompletableFuture<V> future) {
    }

}

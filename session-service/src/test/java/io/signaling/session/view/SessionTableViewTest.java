package io.signaling.session.view;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.signaling.schemas.session.SessionState;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class SessionTableViewTest {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    private final SessionTableView view = new SessionTableView(meters);

    @Test
    void rowsReplaceAndTombstonesRemoveWithPerGatewayCounts() {
        view.apply("alice", row("alice", "s1", "gw-1"));
        view.apply("bob", row("bob", "s2", "gw-1"));
        assertThat(view.sessionsOn("gw-1")).isEqualTo(2);

        view.apply("alice", row("alice", "s3", "gw-2")); // a newer session, on another
                                                         // gateway
        assertThat(view.find("alice")).get().extracting(SessionState::sessionId).isEqualTo("s3");
        assertThat(view.sessionsOn("gw-1")).isEqualTo(1);
        assertThat(view.sessionsOn("gw-2")).isEqualTo(1);

        view.apply("alice", null);
        view.apply("nobody", null); // a tombstone for an unknown user changes nothing
        assertThat(view.find("alice")).isEmpty();
        assertThat(view.sessionsOn("gw-2")).isZero();
        assertThat(view.sessionsOn("gw-1")).isEqualTo(1);
    }

    @Test
    void awaitRowCompletesWhenTheRowArrivesOrAtOnce() {
        CompletableFuture<Optional<SessionState>> created = view.awaitRow("alice", sessionIs("s1"));
        assertThat(created).isNotDone();

        view.apply("alice", row("alice", "s0", "gw-1"));
        assertThat(created).isNotDone();
        view.apply("alice", row("alice", "s1", "gw-1"));
        assertThat(created).isCompletedWithValueMatching(r -> r.orElseThrow().sessionId().equals("s1"));

        assertThat(view.awaitRow("alice", sessionIs("s1"))).isDone();
        assertThat(waiting()).as("requests waiting, as an operator sees them").isZero();
    }

    @Test
    void aCancelledWaitIsForgotten() {
        CompletableFuture<Optional<SessionState>> waiting = view.awaitRow("carol", sessionIs("s9"));
        assertThat(waiting()).isEqualTo(1);

        waiting.cancel(false);

        assertThat(waiting()).isZero();
    }

    @Test
    void theViewIsNotCaughtUpUntilTold() {
        assertThat(view.isCaughtUp()).isFalse();
        view.markCaughtUp();
        assertThat(view.isCaughtUp()).isTrue();
    }

    @Test
    void aRebuildIsNotCaughtUpAndOffersWaitersOnlyTheRowsAsTheyAreOnceCaughtUp() {
        view.apply("alice", row("alice", "s1", "gw-1"));
        view.markCaughtUp();
        CompletableFuture<Optional<SessionState>> gone = view.awaitRow("alice", Optional::isEmpty);

        view.restart(); // the consumer was lost: the table is read again from the
                        // beginning
        assertThat(view.isCaughtUp()).isFalse();
        assertThat(view.sessionsOn("gw-1")).isZero();
        view.apply("alice", row("alice", "s0", "gw-1"));
        view.apply("alice", null); // an older tombstone, not compacted yet: alice's row
                                   // is not gone
        view.apply("alice", row("alice", "s1", "gw-1"));
        assertThat(gone).as("a row read during the rebuild may be older than the table").isNotDone();

        view.markCaughtUp();
        assertThat(view.isCaughtUp()).isTrue();
        assertThat(view.sessionsOn("gw-1")).isEqualTo(1);
        assertThat(gone).isNotDone();
        view.apply("alice", null);
        assertThat(gone).isCompletedWithValue(Optional.empty());
    }

    @Test
    void aWaiterForARowThatDidNotComeBackHearsOfItOnceCaughtUp() {
        view.apply("bob", row("bob", "s2", "gw-1"));
        view.markCaughtUp();
        CompletableFuture<Optional<SessionState>> gone = view.awaitRow("bob", Optional::isEmpty);

        view.restart(); // bob's tombstone was compacted away meanwhile: his row does not
                        // come back
        assertThat(gone).isNotDone();
        view.markCaughtUp();

        assertThat(gone).isCompletedWithValue(Optional.empty());
    }

    /** The gauge of requests waiting for a row, as /actuator/prometheus shows it. */
    private double waiting() {
        return meters.get("signaling.session.waiting").tag("for", "session-row").gauge().value();
    }

    private static java.util.function.Predicate<Optional<SessionState>> sessionIs(String sessionId) {
        return r -> r.isPresent() && r.get().sessionId().equals(sessionId);
    }

    private static SessionState row(String userId, String sessionId, String gatewayId) {
        Instant now = Instant.now();
        return new SessionState(userId, sessionId, "sha256:x", gatewayId, "http://127.0.0.1:8081/ws", 0, false, now,
                now.plusSeconds(30), null);
    }

}

package io.signaling.gateway.signal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.signaling.gateway.config.EdgeRoutingProperties;
import io.signaling.schemas.session.SessionState;
import io.signaling.schemas.signal.SignalAccepted;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The order guarantee across the two paths (docs/architecture.md, "Edge routing"): which
 * way each signal goes, and that no write starts before one accepted earlier could be
 * overtaken by it. The writes are ours to complete, one by one.
 */
class EdgeRouterTest {

    private static final Instant T0 = Instant.parse("2026-12-07T04:00:00Z");

    private static final int SIGNALS_PARTITION = 7;

    private final Map<String, SessionState> sessions = new HashMap<>();

    private final List<Write> writes = new CopyOnWriteArrayList<>();

    private final PairPaths paths = new PairPaths();

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    private long nextOffset = 100;

    /**
     * One write as the router started it: its path, its signal, and its outcome to give.
     */
    private record Write(String path, String id, CompletableFuture<SignalSink.Position> outcome) {
    }

    private final EdgeRouter.Writes recorded = new EdgeRouter.Writes() {
        @Override
        public CompletableFuture<SignalSink.Position> toRelay(SignalAccepted signal) {
            return record("relay", signal);
        }

        @Override
        public CompletableFuture<SignalSink.Position> direct(SessionState recipient, SignalAccepted signal) {
            assertThat(recipient).isEqualTo(sessions.get(signal.to()));
            return record("direct", signal);
        }

        private CompletableFuture<SignalSink.Position> record(String path, SignalAccepted signal) {
            CompletableFuture<SignalSink.Position> outcome = new CompletableFuture<>();
            writes.add(new Write(path, signal.id(), outcome));
            return outcome;
        }
    };

    private EdgeRouter router(boolean enabled, Duration settleWait) {
        return new EdgeRouter(sessions::get, recorded, new EdgeRoutingProperties(enabled, settleWait), meters);
    }

    private final EdgeRouter router = router(true, Duration.ofSeconds(30));

    @Test
    void aPairStartsThroughTheRelayEvenToAnAckedRecipient() {
        connect("bob", true);

        router.append(signal("m1", "bob"), paths);

        assertThat(paths()).containsExactly("relay:m1");
    }

    @Test
    void aPairGoesDirectOnceTheRelayAnsweredWhatItWasGiven() {
        connect("bob", true);
        router.append(signal("m1", "bob"), paths);
        long offset = landAtRelay(0);
        paths.answered("bob", SIGNALS_PARTITION, offset);

        router.append(signal("m2", "bob"), paths);
        router.append(signal("m3", "bob"), paths);

        assertThat(paths()).containsExactly("relay:m1", "direct:m2", "direct:m3");
        assertThat(meters.get("signaling.gateway.signals.routed").tag("path", "direct").counter().count()).isEqualTo(2);
    }

    @Test
    void whileTheRelayHasThePairsSignalsTheNextOnesWaitAndThenGoDirect() {
        connect("bob", true);
        router.append(signal("m1", "bob"), paths);
        long offset = landAtRelay(0);

        CompletableFuture<SignalSink.Position> m2 = router.append(signal("m2", "bob"), paths);
        CompletableFuture<SignalSink.Position> m3 = router.append(signal("m3", "bob"), paths);
        await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(1)).until(() -> paths().size() == 1);

        paths.answered("bob", SIGNALS_PARTITION, offset);

        await().atMost(Duration.ofSeconds(5)).until(() -> paths().size() == 2);
        assertThat(paths()).containsExactly("relay:m1", "direct:m2");
        // m3 waits for m2's write: it waited, so the next one waits for it
        assertThat(m3).isNotDone();
        landDirect(1);
        await().atMost(Duration.ofSeconds(5)).until(() -> paths().size() == 3);
        assertThat(paths()).containsExactly("relay:m1", "direct:m2", "direct:m3");
        assertThat(m2).isCompleted();
    }

    @Test
    void aPairTheRelayDoesNotAnswerInTimeStaysOnTheRelay() {
        EdgeRouter impatient = router(true, Duration.ofMillis(100));
        connect("bob", true);
        impatient.append(signal("m1", "bob"), paths);
        landAtRelay(0);

        impatient.append(signal("m2", "bob"), paths);

        await().atMost(Duration.ofSeconds(5)).until(() -> paths().size() == 2);
        assertThat(paths()).containsExactly("relay:m1", "relay:m2");
    }

    @Test
    void aRelayWriteWaitsForADirectWriteStillInFlight() {
        connect("bob", true);
        settle("bob");
        router.append(signal("m1", "bob"), paths);
        assertThat(paths()).containsExactly("relay:settling", "direct:m1");
        connect("bob", false); // bob reconnected: a new session, not acked yet

        router.append(signal("m2", "bob"), paths);
        await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(1)).until(() -> paths().size() == 2);

        landDirect(1);
        await().atMost(Duration.ofSeconds(5)).until(() -> paths().size() == 3);
        assertThat(paths()).containsExactly("relay:settling", "direct:m1", "relay:m2");
    }

    @Test
    void aSignalToAnotherRecipientWaitsBehindOneThatWaits() {
        connect("bob", true);
        connect("carol", true);
        settle("carol");
        router.append(signal("m1", "bob"), paths);
        landAtRelay(1);

        router.append(signal("m2", "bob"), paths); // waits for bob's pair
        router.append(signal("m3", "carol"), paths); // carol's pair is direct, yet behind
                                                     // m2
        await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(1)).until(() -> paths().size() == 2);

        paths.answered("bob", SIGNALS_PARTITION, writes.get(1).outcome().join().offset());
        await().atMost(Duration.ofSeconds(5)).until(() -> paths().size() == 3);
        landDirect(2);
        await().atMost(Duration.ofSeconds(5)).until(() -> paths().size() == 4);
        assertThat(paths()).containsExactly("relay:settling", "relay:m1", "direct:m2", "direct:m3");
    }

    @Test
    void aRecipientNotAckedIsReachedThroughTheRelay() {
        connect("bob", false);
        settle("bob");

        router.append(signal("m1", "bob"), paths);

        assertThat(paths()).containsExactly("relay:settling", "relay:m1");
    }

    @Test
    void withEdgeRoutingOffEverySignalGoesThroughTheRelay() {
        EdgeRouter off = router(false, Duration.ofSeconds(30));
        connect("bob", true);
        off.append(signal("m1", "bob"), paths);
        paths.answered("bob", SIGNALS_PARTITION, landAtRelay(0));

        off.append(signal("m2", "bob"), paths);

        assertThat(paths()).containsExactly("relay:m1", "relay:m2");
    }

    private void connect(String userId, boolean acked) {
        sessions.put(userId, new SessionState(userId, userId + "-session-" + sessions.size(), "hash", "gw-2",
                "http://127.0.0.1:1/ws", 2, acked, T0, T0.plusSeconds(30), acked ? T0 : null));
    }

    /**
     * Gives the pair with {@code userId} one relay-path signal, in the log and answered.
     */
    private void settle(String userId) {
        router.append(signal("settling", userId), paths);
        paths.answered(userId, SIGNALS_PARTITION, landAtRelay(writes.size() - 1));
        assertThat(paths.direct(userId)).isTrue();
    }

    private long landAtRelay(int index) {
        long offset = nextOffset++;
        writes.get(index).outcome().complete(new SignalSink.Position(SIGNALS_PARTITION, offset));
        return offset;
    }

    private void landDirect(int index) {
        writes.get(index).outcome().complete(new SignalSink.Position(-4, nextOffset++));
    }

    private List<String> paths() {
        return writes.stream().map(write -> write.path() + ":" + write.id()).toList();
    }

    private static SignalAccepted signal(String id, String to) {
        return new SignalAccepted(id, "alice", to, null, T0, "alice-session", "gw-1", 1);
    }

}

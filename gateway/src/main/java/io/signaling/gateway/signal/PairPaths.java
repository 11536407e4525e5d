package io.signaling.gateway.signal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * One sender session's memory of which recipients its signals may go to straight, past
 * the relay (docs/architecture.md, "Edge routing"). A pair (this session, a recipient)
 * starts on the relay path; it may turn direct once every signal of the pair given to the
 * relay is in the log and answered: by a receipt (the recipient's gateway has read its
 * delivery) or by a rejection ({@link #settled}). The relay keeps one recipient's signals
 * in order, so from then on nothing of the pair is left in it for a direct signal to
 * overtake. A pair this memory does not know is a pair on the relay path: forgetting one
 * (at {@link #CAPACITY}, least recently used first) costs a receipt's round trip, never
 * order.
 *
 * <p>
 * Writes that had to wait (for a pair to settle, or behind a direct write still in
 * flight) are chained: the next write of this session waits for the last of them
 * ({@link #waiting}), so no write overtakes one that was accepted before it.
 */
public final class PairPaths {

    /** Recipients remembered per sender session. */
    static final int CAPACITY = 1024;

    private static final CompletableFuture<Void> NONE = CompletableFuture.completedFuture(null);

    private final Map<String, Pair> pairs = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Pair> eldest) {
            return size() > CAPACITY;
        }
    };

    private CompletableFuture<?> waiting = NONE;

    private CompletableFuture<?> lastDirect = NONE;

    /**
     * What one pair gave the relay; offsets are the signals partition's of the recipient.
     */
    static final class Pair {

        private int relayInFlight;

        private long lastRelayed = -1;

        private long answeredUpTo = -1;

        /** Decided under the lock; {@link #settled} is completed after it is released. */
        private boolean isSettled;

        private CompletableFuture<Void> settled = new CompletableFuture<>();

    }

    /** True when a signal to {@code to} may be written straight to its gateway now. */
    public synchronized boolean direct(String to) {
        Pair pair = pairs.get(to);
        return pair != null && pair.isSettled;
    }

    /**
     * Completes when the pair with {@code to} may turn direct; {@code null} when this
     * session never gave the relay a signal for {@code to} (as far as it remembers): that
     * pair starts on the relay path.
     */
    public synchronized CompletableFuture<Void> settled(String to) {
        Pair pair = pairs.get(to);
        return pair == null ? null : pair.settled;
    }

    /**
     * The last write that waited, not yet done: every write waits for it. Done when there
     * is none.
     */
    public synchronized CompletableFuture<?> waiting() {
        return waiting;
    }

    /** The last direct write, for a relay write to wait for while it is in flight. */
    public synchronized CompletableFuture<?> lastDirect() {
        return lastDirect;
    }

    /** A write that waited: the next ones wait for it. */
    public synchronized void waited(CompletableFuture<?> written) {
        waiting = written;
    }

    /** A direct write, now in flight. */
    public synchronized void wroteDirect(CompletableFuture<?> written) {
        lastDirect = written;
    }

    /**
     * A signal to {@code to} is given to the relay: the pair is on the relay path until
     * it is answered. Returns the pair, for {@link #relayed}.
     */
    public synchronized Pair relaying(String to) {
        Pair pair = pairs.computeIfAbsent(to, recipient -> new Pair());
        if (pair.isSettled) {
            pair.isSettled = false;
            pair.settled = new CompletableFuture<>();
        }
        pair.relayInFlight++;
        return pair;
    }

    /**
     * The relay-path signal of {@link #relaying} is in the signals topic at
     * {@code offset}, or ({@code -1}) was not written.
     */
    public void relayed(Pair pair, long offset) {
        CompletableFuture<Void> settled;
        synchronized (this) {
            pair.relayInFlight--;
            pair.lastRelayed = Math.max(pair.lastRelayed, offset);
            settled = settledNow(pair);
        }
        complete(settled);
    }

    /**
     * The relay answered (delivered or rejected) the signal to {@code to} at
     * {@code sourceOffset} of a signals partition. Direct signals' answers
     * ({@code sourcePartition} negative) say nothing about the relay path.
     */
    public void answered(String to, int sourcePartition, long sourceOffset) {
        if (sourcePartition < 0) {
            return;
        }
        CompletableFuture<Void> settled = null;
        synchronized (this) {
            Pair pair = pairs.get(to);
            if (pair != null) {
                pair.answeredUpTo = Math.max(pair.answeredUpTo, sourceOffset);
                settled = settledNow(pair);
            }
        }
        complete(settled);
    }

    /** The pair's future to complete, when it has just settled. */
    private static CompletableFuture<Void> settledNow(Pair pair) {
        if (pair.isSettled || pair.relayInFlight > 0 || pair.answeredUpTo < pair.lastRelayed) {
            return null;
        }
        pair.isSettled = true;
        return pair.settled;
    }

    /** Outside the lock: what waited for the pair runs on. */
    private static void complete(CompletableFuture<Void> settled) {
        if (settled != null) {
            settled.complete(null);
        }
    }

}

package io.signaling.gateway.connection;

import io.signaling.schemas.delivery.SignalDelivery;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Consumer;

/**
 * The ping and pong bookkeeping of one websocket connection, for its {@link Outbox}: when
 * a ping is due, whether the one sent was answered in time, and which signals were
 * written since the last answered ping (a pong to a ping written after a signal proves
 * the client read the signal). The watchdog, the writer and the pong's thread all call
 * it.
 */
final class Pings {

    /**
     * Signals remembered as written but not yet confirmed; past that the oldest is
     * forgotten first.
     */
    static final int MAX_UNCONFIRMED = 256;

    private static final long NONE = -1;

    private static final long QUEUED = Long.MAX_VALUE;

    /** What the watchdog should do about pings now. */
    enum Due {

        NOTHING, PING, TIMED_OUT

    }

    private final Deque<Unconfirmed> unconfirmed = new ArrayDeque<>(); // guarded by
                                                                       // itself

    private long written; // only the writer touches it

    private volatile long sentAt;

    private volatile long awaited = NONE;

    private record Unconfirmed(long pingsBefore, SignalDelivery signal) {
    }

    Pings(long now) {
        this.sentAt = now;
    }

    /**
     * PING marks one as queued: a ping stuck behind other frames is the stall check's to
     * judge, not this.
     */
    Due check(long now, long intervalNanos, long timeoutNanos) {
        long current = awaited;
        if (current == QUEUED) {
            return Due.NOTHING;
        }
        if (current != NONE) {
            return now - sentAt > timeoutNanos ? Due.TIMED_OUT : Due.NOTHING;
        }
        if (now - sentAt >= intervalNanos) {
            awaited = QUEUED;
            return Due.PING;
        }
        return Due.NOTHING;
    }

    /**
     * The writer is about to write a ping: its sequence number, the payload its pong must
     * carry.
     */
    long writing(long now) {
        long sequence = ++written;
        awaited = sequence;
        sentAt = now;
        return sequence;
    }

    /** The writer wrote a signal: unconfirmed until a pong to a later ping. */
    void wrote(SignalDelivery signal) {
        synchronized (unconfirmed) {
            if (unconfirmed.size() == MAX_UNCONFIRMED) {
                unconfirmed.pollFirst(); // bounded memory: the oldest is the likeliest to
                                         // have arrived
            }
            unconfirmed.addLast(new Unconfirmed(written, signal));
        }
    }

    /**
     * A pong with this payload arrived: what was written before that ping reached the
     * client.
     */
    void ponged(long sequence) {
        if (sequence != awaited) {
            return; // not ours, or late
        }
        awaited = NONE;
        synchronized (unconfirmed) {
            while (!unconfirmed.isEmpty() && unconfirmed.peekFirst().pingsBefore() < sequence) {
                unconfirmed.pollFirst();
            }
        }
    }

    /** Hands on, once, every signal written since the last answered ping. */
    void handOnUnconfirmed(Consumer<SignalDelivery> lost) {
        synchronized (unconfirmed) {
            Unconfirmed entry;
            while ((entry = unconfirmed.pollFirst()) != null) {
                lost.accept(entry.signal());
            }
        }
    }

}

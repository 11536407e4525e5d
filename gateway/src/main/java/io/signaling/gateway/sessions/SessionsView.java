package io.signaling.gateway.sessions;

import io.signaling.edge.CompactedTable;
import io.signaling.schemas.session.SessionState;
import io.signaling.schemas.topic.Topic;
import io.signaling.schemas.topic.Topics;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;
import org.apache.kafka.common.utils.Utils;
import org.springframework.stereotype.Component;

/**
 * The gateway's view of the session table, filled by {@link SessionsTail} from the
 * compacted sessions topic. Handshakes read it and may wait (bounded) for it to catch up
 * with the end of a partition as its own fetches report it, never asking the broker;
 * listeners hear of every row change, e.g. to close the connection of a session that was
 * deleted.
 */
@Component
public class SessionsView {

    /**
     * Poll rounds a handshake waits for before it trusts the end offsets: the consumer
     * may have sent the fetch answered in the next round before the handshake began; the
     * one after was sent later.
     */
    static final int ROUNDS_TO_SEE_THE_END = 3;

    private final Topic<String, SessionState> topic;

    private final CompactedTable<SessionState> rows = new CompactedTable<>("Sessions view");

    private final ReentrantLock lock = new ReentrantLock();

    private final Condition advanced = lock.newCondition();

    private volatile int partitionCount;

    private volatile AtomicLongArray positions = new AtomicLongArray(0);

    private volatile AtomicLongArray ends = new AtomicLongArray(0);

    private volatile long rounds;

    private volatile boolean open = true;

    SessionsView(Topics topics) {
        this.topic = topics.sessions();
        this.partitionCount = topic.partitions();
    }

    /**
     * The live session row of {@code userId} as far as this view has read, or
     * {@code null}.
     */
    public SessionState get(String userId) {
        return rows.get(userId);
    }

    /**
     * The sessions partition of {@code userId}: Kafka's default partitioner for a String
     * key.
     */
    public int partitionFor(String userId) {
        return Utils.toPositive(Utils.murmur2(userId.getBytes(StandardCharsets.UTF_8))) % partitionCount;
    }

    /**
     * The next offset this view will read in {@code partition}; -1 before it has started
     * reading.
     */
    public long positionOf(int partition) {
        AtomicLongArray current = positions;
        return partition < current.length() ? current.get(partition) : -1;
    }

    /** True once every partition has been read up to its end offset at start-up. */
    public boolean caughtUp() {
        return rows.caughtUp();
    }

    /**
     * Called on the view's thread with {@code (userId, row)} after every change;
     * {@code row} is null on deletion.
     */
    public void addListener(BiConsumer<String, SessionState> listener) {
        rows.addListener((userId, previous, row) -> listener.accept(userId, row));
    }

    /**
     * The end of {@code partition} as the tail's last fetch reported it (its high
     * watermark, or the last stable offset under read_committed); -1 while unknown.
     */
    public long endOf(int partition) {
        AtomicLongArray current = ends;
        return partition < current.length() ? current.get(partition) : -1;
    }

    /**
     * Waits until {@code decided} holds, or until this view has read {@code partition} up
     * to an end that its fetches reported after this call began: then anything written to
     * that partition before the call is in the view. False at the deadline.
     */
    public boolean awaitEndSeen(int partition, BooleanSupplier decided, long deadlineNanos) {
        long start = rounds;
        return awaitUntil(() -> decided.getAsBoolean() || (rounds - start >= ROUNDS_TO_SEE_THE_END
                && endOf(partition) >= 0 && positionOf(partition) >= endOf(partition)), deadlineNanos);
    }

    // No busy spin: the tail signals after every poll, and waiters re-check then.
    private boolean awaitUntil(BooleanSupplier condition, long deadlineNanos) {
        lock.lock();
        try {
            while (!condition.getAsBoolean()) {
                long left = deadlineNanos - System.nanoTime();
                if (left <= 0 || !open) {
                    return false;
                }
                advanced.awaitNanos(left);
            }
            return true;
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return condition.getAsBoolean();
        }
        finally {
            lock.unlock();
        }
    }

    // --- written by SessionsTail, on its one thread ---

    void startReading(int partitions) {
        partitionCount = partitions;
        AtomicLongArray unknown = new AtomicLongArray(partitions);
        AtomicLongArray unknownEnds = new AtomicLongArray(partitions);
        for (int i = 0; i < partitions; i++) {
            unknown.set(i, -1);
            unknownEnds.set(i, -1);
        }
        positions = unknown;
        ends = unknownEnds;
    }

    void apply(String userId, SessionState row) {
        rows.apply(userId, row);
    }

    /**
     * {@code end} is -1 when the consumer does not know it (no fetch answered for the
     * partition yet).
     */
    void advanced(int partition, long position, long end) {
        positions.set(partition, position);
        if (end >= 0) {
            ends.set(partition, end);
        }
    }

    /** After a poll: wakes the waiting handshakes. */
    void polled() {
        lock.lock();
        try {
            rounds++;
            advanced.signalAll();
        }
        finally {
            lock.unlock();
        }
    }

    void markCaughtUp() {
        rows.markCaughtUp();
    }

    /**
     * The tail lost its consumer and reads again from the beginning: see
     * {@link CompactedTable#restart()}.
     */
    void restart() {
        rows.restart();
    }

    void close() {
        open = false;
        polled();
    }

}

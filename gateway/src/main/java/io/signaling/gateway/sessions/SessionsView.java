package io.signaling.gateway.sessions;

import io.signaling.schemas.session.SessionState;
import io.signaling.schemas.topic.Topic;
import io.signaling.schemas.topic.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The gateway's view of the session table, filled by {@link SessionsTail} from the compacted
 * sessions topic. Handshakes read it and may wait (bounded) for it to reach an offset; listeners
 * hear of every row change, e.g. to close the connection of a session that was deleted.
 */
@Component
public class SessionsView {

    private static final Logger log = LoggerFactory.getLogger(SessionsView.class);

    private final Topic<String, SessionState> topic;
    private final Admin admin;
    private final Map<String, SessionState> rows = new ConcurrentHashMap<>();
    private final List<BiConsumer<String, SessionState>> listeners = new CopyOnWriteArrayList<>();
    private final Set<String> beforeRestart = new HashSet<>(); // only touched by the tail's thread
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition advanced = lock.newCondition();
    private volatile int partitionCount;
    private volatile AtomicLongArray positions = new AtomicLongArray(0);
    private volatile boolean caughtUp;
    private volatile boolean open = true;

    SessionsView(Topics topics, Admin admin) {
        this.topic = topics.sessions();
        this.admin = admin;
        this.partitionCount = topic.partitions();
    }

    /** The live session row of {@code userId} as far as this view has read, or {@code null}. */
    public SessionState get(String userId) {
        return rows.get(userId);
    }

    /** The sessions partition of {@code userId}: Kafka's default partitioner for a String key. */
    public int partitionFor(String userId) {
        return Utils.toPositive(Utils.murmur2(userId.getBytes(StandardCharsets.UTF_8))) % partitionCount;
    }

    /** The next offset this view will read in {@code partition}; -1 before it has started reading. */
    public long positionOf(int partition) {
        AtomicLongArray current = positions;
        return partition < current.length() ? current.get(partition) : -1;
    }

    /** True once every partition has been read up to its end offset at start-up. */
    public boolean caughtUp() {
        return caughtUp;
    }

    /** Called on the view's thread with {@code (userId, row)} after every change; {@code row} is null on deletion. */
    public void addListener(BiConsumer<String, SessionState> listener) {
        listeners.add(listener);
    }

    /** The end offset of the sessions partition now, read from the broker; empty when it could not be read in time. */
    public OptionalLong endOffset(int partition, Duration timeout) {
        TopicPartition tp = new TopicPartition(topic.name(), partition);
        try {
            long end = admin.listOffsets(Map.of(tp, OffsetSpec.latest())).partitionResult(tp)
                    .get(Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS).offset();
            return OptionalLong.of(end);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return OptionalLong.empty();
        }
        catch (Exception e) {
            log.warn("Could not read the end offset of {}: {}", tp, e.toString());
            return OptionalLong.empty();
        }
    }

    /** Waits until this view has read {@code partition} up to {@code offset}; false at the deadline. */
    public boolean awaitPosition(int partition, long offset, long deadlineNanos) {
        return awaitUntil(() -> positionOf(partition) >= offset, deadlineNanos);
    }

    /** Waits until this view holds a row for {@code userId}; false at the deadline. */
    public boolean awaitRow(String userId, long deadlineNanos) {
        return awaitUntil(() -> rows.containsKey(userId), deadlineNanos);
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
        for (int i = 0; i < partitions; i++) {
            unknown.set(i, -1);
        }
        positions = unknown;
    }

    void apply(String userId, SessionState row) {
        if (row == null) {
            rows.remove(userId);
        }
        else {
            rows.put(userId, row);
        }
        notifyListeners(userId, row);
    }

    void advanced(int partition, long position) {
        positions.set(partition, position);
    }

    /** After a poll: wakes the waiting handshakes. */
    void polled() {
        lock.lock();
        try {
            advanced.signalAll();
        }
        finally {
            lock.unlock();
        }
    }

    void markCaughtUp() {
        if (caughtUp) {
            return;
        }
        caughtUp = true;
        log.info("Sessions view caught up: {} live sessions", rows.size());
        beforeRestart.stream().filter(userId -> !rows.containsKey(userId)).forEach(userId -> notifyListeners(userId, null));
        beforeRestart.clear();
    }

    /**
     * The tail lost its consumer and reads again from the beginning. Tombstones may have been
     * compacted away meanwhile: the table restarts empty, and once caught up, listeners hear of
     * the users whose rows did not come back.
     */
    void restart() {
        caughtUp = false;
        beforeRestart.addAll(rows.keySet());
        rows.clear();
    }

    void close() {
        open = false;
        polled();
    }

    private void notifyListeners(String userId, SessionState row) {
        for (BiConsumer<String, SessionState> listener : listeners) {
            try {
                listener.accept(userId, row);
            }
            catch (RuntimeException e) {
                log.error("Session listener failed for {}", userId, e);
            }
        }
    }
}

package io.signaling.edge;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A compacted topic folded into a map, last row per key, a tombstone removing it. One
 * thread (the reader's) writes; any thread reads. It is caught up once its reader has
 * read up to the end offsets taken when it started reading, and stops being so when the
 * reader lost its consumer and reads again from the beginning ({@link #restart()}):
 * tombstones may have been compacted away meanwhile, so the table restarts empty, and
 * once caught up again, listeners hear of the keys whose rows did not come back.
 */
public final class CompactedTable<V> {

    private static final Logger log = LoggerFactory.getLogger(CompactedTable.class);

    /**
     * Hears of every change of a row, on the reader's thread; {@code row} is null on
     * deletion.
     */
    @FunctionalInterface
    public interface Listener<V> {

        void changed(String key, V previous, V row);

    }

    private final String name;

    private final Map<String, V> rows = new ConcurrentHashMap<>();

    private final List<Listener<V>> listeners = new CopyOnWriteArrayList<>();

    private final Set<String> beforeRestart = new HashSet<>(); // reader's thread only

    private volatile boolean caughtUp;

    /** {@code name}: what the table holds, for the log. */
    public CompactedTable(String name) {
        this.name = name;
    }

    public V get(String key) {
        return rows.get(key);
    }

    public int size() {
        return rows.size();
    }

    /**
     * True once read up to the end offsets taken when the reader (last) started reading.
     */
    public boolean caughtUp() {
        return caughtUp;
    }

    public void addListener(Listener<V> listener) {
        listeners.add(listener);
    }

    // --- on the reader's thread ---

    /** Applies one record; {@code row} null is a tombstone. */
    public void apply(String key, V row) {
        V previous = row == null ? rows.remove(key) : rows.put(key, row);
        notifyListeners(key, previous, row);
    }

    /** True the first time after start or a restart. */
    public boolean markCaughtUp() {
        if (caughtUp) {
            return false;
        }
        caughtUp = true;
        log.info("{} caught up: {} rows", name, rows.size());
        beforeRestart.stream().filter(key -> !rows.containsKey(key)).forEach(key -> notifyListeners(key, null, null));
        beforeRestart.clear();
        return true;
    }

    /** The reader lost its consumer and reads again from the beginning. */
    public void restart() {
        caughtUp = false;
        beforeRestart.addAll(rows.keySet());
        rows.clear();
    }

    private void notifyListeners(String key, V previous, V row) {
        for (Listener<V> listener : listeners) {
            try {
                listener.changed(key, previous, row);
            }
            catch (RuntimeException e) {
                // the key is a coordinate, the exception's message may quote the row
                log.error("A listener of {} failed for {} ({})", name, key, e.getClass().getName());
            }
        }
    }

}

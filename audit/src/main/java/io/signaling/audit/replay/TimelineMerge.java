package io.signaling.audit.replay;

import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.ToLongFunction;

/**
 * A k-way merge of partitions ("lanes") that each deliver their entries in offset order,
 * emitting one timeline while it reads, in memory bounded by the lanes and a per-lane
 * buffer, not by the history.
 *
 * <p>
 * <b>Order.</b> The next entry emitted is the lane head with the smallest (time, lane
 * rank), lane rank being the lanes' order as given to the constructor; within a lane,
 * entries keep their offset order. When each lane's times never decrease this is the
 * order of a sort of everything by (time, lane rank, offset). When a lane's times go
 * backwards (two producers with different clocks writing one partition) the lane still
 * comes out in offset order: the late-stamped entry follows its predecessor in the lane,
 * and the merge places it against the other lanes' heads at that point, so the output is
 * time-ordered except around such steps back.
 *
 * <p>
 * <b>When an entry may go.</b> Only while every lane that is not finished holds at least
 * one entry: an empty lane may still deliver an entry older than every head. So a lane
 * with nothing buffered blocks the merge until it delivers or is {@linkplain #finish
 * finished}.
 *
 * <p>
 * <b>Memory.</b> {@link #run} pauses a lane's feed once the lane holds {@code capacity}
 * entries (and a finished lane's), and resumes it when the lane drops below. A fetch
 * already under way still lands, so one lane holds at most {@code capacity - 1} plus one
 * fetch's worth, and the whole merge at most lanes × that ({@link #peakBuffered()}
 * reports what it held).
 *
 * @param <K> what names a lane (a Kafka partition)
 * @param <E> an entry
 */
final class TimelineMerge<K, E> {

    /**
     * Where lanes' entries come from: Kafka's consumer in {@link HistoryReader},
     * in-memory queues in tests.
     */
    interface Feed<K, E> {

        /**
         * Fetches more of the lanes not paused and hands every entry over, each lane's in
         * offset order.
         */
        void poll(BiConsumer<K, E> sink);

        /** True once everything the lane will ever deliver has been handed over. */
        boolean exhausted(K lane);

        /**
         * Stops fetching the lane; a fetch already under way may still be handed over.
         */
        void pause(K lane);

        void resume(K lane);

    }

    private static final class Lane<K, E> {

        final K key;

        final int rank;

        final ArrayDeque<E> entries = new ArrayDeque<>();

        long headTime;

        boolean finished;

        boolean paused;

        Lane(K key, int rank) {
            this.key = key;
            this.rank = rank;
        }

    }

    private final Map<K, Lane<K, E>> lanes = new LinkedHashMap<>();

    private final PriorityQueue<Lane<K, E>> heads;

    private final ToLongFunction<? super E> time;

    private final int capacity;

    /**
     * Lanes neither finished nor holding an entry: nothing may be emitted while there is
     * one.
     */
    private int waiting;

    private int unfinished;

    private long buffered;

    private long peak;

    /**
     * @param lanes every lane, in rank order (the tie-break between equal times)
     * @param time an entry's time
     * @param capacity entries a lane may hold before {@link #run} pauses its feed
     */
    TimelineMerge(List<K> lanes, ToLongFunction<? super E> time, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1");
        }
        for (K key : lanes) {
            if (this.lanes.putIfAbsent(key, new Lane<>(key, this.lanes.size())) != null) {
                throw new IllegalArgumentException("lane " + key + " given twice");
            }
        }
        this.heads = new PriorityQueue<>(Math.max(1, lanes.size()), (a, b) -> a.headTime != b.headTime
                ? Long.compare(a.headTime, b.headTime) : Integer.compare(a.rank, b.rank));
        this.time = time;
        this.capacity = capacity;
        this.waiting = lanes.size();
        this.unfinished = lanes.size();
    }

    /**
     * Merges everything the feed delivers into {@code out}, until every lane is exhausted
     * and emitted. Pauses a lane's feed while it is full or finished, resumes it when it
     * has room again.
     */
    void run(Feed<K, E> feed, Consumer<? super E> out) {
        while (true) {
            for (Lane<K, E> lane : lanes.values()) {
                if (!lane.finished && feed.exhausted(lane.key)) {
                    finish(lane.key);
                }
            }
            drain(out);
            if (done()) {
                return;
            }
            for (Lane<K, E> lane : lanes.values()) {
                boolean pause = lane.finished || lane.entries.size() >= capacity;
                if (pause != lane.paused) {
                    lane.paused = pause;
                    if (pause) {
                        feed.pause(lane.key);
                    }
                    else {
                        feed.resume(lane.key);
                    }
                }
            }
            feed.poll(this::add);
        }
    }

    /** Adds the lane's next entry (in offset order). */
    void add(K key, E entry) {
        Lane<K, E> lane = lane(key);
        if (lane.finished) {
            throw new IllegalStateException("lane " + key + " is finished");
        }
        if (lane.entries.isEmpty()) {
            waiting--;
            lane.headTime = time.applyAsLong(entry);
            heads.add(lane);
        }
        lane.entries.add(entry);
        buffered++;
        peak = Math.max(peak, buffered);
    }

    /**
     * Says the lane will get no more entries: it no longer holds the merge back once
     * emptied.
     */
    void finish(K key) {
        Lane<K, E> lane = lane(key);
        if (!lane.finished) {
            lane.finished = true;
            unfinished--;
            if (lane.entries.isEmpty()) {
                waiting--;
            }
        }
    }

    /** Emits, oldest first, every entry that may go now. */
    void drain(Consumer<? super E> out) {
        while (waiting == 0 && !heads.isEmpty()) {
            Lane<K, E> lane = heads.poll();
            E entry = lane.entries.poll();
            buffered--;
            if (!lane.entries.isEmpty()) {
                lane.headTime = time.applyAsLong(lane.entries.peek());
                heads.add(lane);
            }
            else if (!lane.finished) {
                waiting++;
            }
            out.accept(entry);
        }
    }

    /** True when every lane is finished and emitted. */
    boolean done() {
        return unfinished == 0 && heads.isEmpty();
    }

    int buffered(K key) {
        return lane(key).entries.size();
    }

    long buffered() {
        return buffered;
    }

    /** The most entries held at once so far. */
    long peakBuffered() {
        return peak;
    }

    private Lane<K, E> lane(K key) {
        Lane<K, E> lane = lanes.get(key);
        if (lane == null) {
            throw new IllegalArgumentException("no lane " + key);
        }
        return lane;
    }

}

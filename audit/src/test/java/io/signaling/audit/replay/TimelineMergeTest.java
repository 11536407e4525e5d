package io.signaling.audit.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.signaling.schemas.topic.Topics;
import io.signaling.schemas.topic.TopicsProperties;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.BiConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/**
 * The k-way merge over in-memory partitions: order, when an entry may go, and the memory
 * bound.
 */
class TimelineMergeTest {

    /** An entry of lane {@code lane} at {@code offset}, stamped {@code time}. */
    record E(String lane, long offset, long time) {

        @Override
        public String toString() {
            return lane + "@" + offset + "/" + time;
        }
    }

    static TimelineMerge<String, E> merge(int capacity, String... lanes) {
        return new TimelineMerge<>(List.of(lanes), E::time, capacity);
    }

    /** Lanes filled from times: lane i's entries get offsets 0, 1, 2... */
    static Map<String, List<E>> lanes(Map<String, long[]> times) {
        Map<String, List<E>> lanes = new LinkedHashMap<>();
        times.forEach((lane, ts) -> {
            List<E> entries = new ArrayList<>();
            for (int i = 0; i < ts.length; i++) {
                entries.add(new E(lane, i, ts[i]));
            }
            lanes.put(lane, entries);
        });
        return lanes;
    }

    /**
     * Partitions in memory that hand over at most {@code fetch} entries of each lane not
     * paused per poll (lanes listed in {@code slow} hand over one), as a consumer hands
     * over fetched records.
     */
    static final class QueueFeed implements TimelineMerge.Feed<String, E> {

        final Map<String, ArrayDeque<E>> queues = new LinkedHashMap<>();

        final Set<String> paused = new HashSet<>();

        final Set<String> everPaused = new HashSet<>();

        final Set<String> slow = new HashSet<>();

        final int fetch;

        int polls;

        QueueFeed(Map<String, List<E>> lanes, int fetch, String... slow) {
            lanes.forEach((lane, entries) -> queues.put(lane, new ArrayDeque<>(entries)));
            this.fetch = fetch;
            this.slow.addAll(List.of(slow));
        }

        @Override
        public void poll(BiConsumer<String, E> sink) {
            polls++;
            queues.forEach((lane, queue) -> {
                if (!paused.contains(lane)) {
                    int n = slow.contains(lane) ? 1 : fetch;
                    for (int i = 0; i < n && !queue.isEmpty(); i++) {
                        sink.accept(lane, queue.poll());
                    }
                }
            });
        }

        @Override
        public boolean exhausted(String lane) {
            return queues.get(lane).isEmpty();
        }

        @Override
        public void pause(String lane) {
            paused.add(lane);
            everPaused.add(lane);
        }

        @Override
        public void resume(String lane) {
            paused.remove(lane);
        }

    }

    /**
     * What a sort of everything by (time, lane rank, offset) gives: the replay's old
     * collect-then-sort.
     */
    static List<E> sorted(Map<String, List<E>> lanes) {
        List<String> rank = new ArrayList<>(lanes.keySet());
        List<E> all = new ArrayList<>();
        lanes.values().forEach(all::addAll);
        all.sort(Comparator.comparingLong(E::time)
            .thenComparingInt(e -> rank.indexOf(e.lane()))
            .thenComparingLong(E::offset));
        return all;
    }

    static List<E> run(Map<String, List<E>> lanes, int capacity, QueueFeed feed) {
        TimelineMerge<String, E> merge = new TimelineMerge<>(new ArrayList<>(lanes.keySet()), E::time, capacity);
        List<E> out = new ArrayList<>();
        merge.run(feed, out::add);
        return out;
    }

    @Test
    void interleavesPartitionsByTime() {
        Map<String, List<E>> lanes = lanes(Map.of("a", new long[] { 1, 4, 7, 10 }, "b", new long[] { 2, 3, 8 }, "c",
                new long[] { 5, 6, 9, 11, 12 }));

        List<E> out = run(lanes, 100, new QueueFeed(lanes, 2));

        assertThat(out).extracting(E::time).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L);
    }

    @Test
    void equalTimesGoByLaneRankThenOffset() {
        Map<String, List<E>> lanes = new LinkedHashMap<>(lanes(Map.of("signals-0", new long[] { 5, 5, 6 })));
        lanes.putAll(lanes(Map.of("session-events-0", new long[] { 5, 6 })));
        lanes.putAll(lanes(Map.of("signals-1", new long[] { 5 })));
        // rank: as given, so signals-0 ranks before session-events-0 here: the merge
        // knows only ranks
        List<String> rank = List.of("session-events-0", "signals-0", "signals-1");
        TimelineMerge<String, E> merge = new TimelineMerge<>(rank, E::time, 100);
        List<E> out = new ArrayList<>();

        merge.run(new QueueFeed(lanes, 1), out::add);

        assertThat(out).hasToString("[session-events-0@0/5, signals-0@0/5, signals-0@1/5, signals-1@0/5, "
                + "session-events-0@1/6, signals-0@2/6]");
    }

    @Test
    void theHistoryTopicsRankSessionEventsThenSignalsThenDeliveriesEachByPartition() {
        Topics topics = Topics.from(TopicsProperties.defaults("t"));
        List<TopicPartition> partitions = List.of(new TopicPartition("t.deliveries", 0),
                new TopicPartition("t.signals", 10), new TopicPartition("t.signals", 2),
                new TopicPartition("t.session-events", 3), new TopicPartition("t.session-events", 1));

        assertThat(HistoryReader.inTimelineOrder(partitions, topics)).containsExactly(
                new TopicPartition("t.session-events", 1), new TopicPartition("t.session-events", 3),
                new TopicPartition("t.signals", 2), new TopicPartition("t.signals", 10),
                new TopicPartition("t.deliveries", 0));
    }

    @Test
    void aPartitionWithNoRecordsDoesNotHoldTheMergeBack() {
        Map<String, List<E>> lanes = lanes(
                Map.of("a", new long[] { 3, 4 }, "empty", new long[] {}, "b", new long[] { 1 }));

        QueueFeed feed = new QueueFeed(lanes, 10);
        List<E> out = run(lanes, 100, feed);

        assertThat(out).extracting(E::time).containsExactly(1L, 3L, 4L);
        assertThat(feed.everPaused).contains("empty"); // finished before the first fetch:
                                                       // never fetched again
    }

    @Test
    void anEntryWaitsWhileAPartitionThatMayStillDeliverHoldsNothing() {
        TimelineMerge<String, E> merge = merge(100, "a", "b");
        List<E> out = new ArrayList<>();

        merge.add("a", new E("a", 0, 5));
        merge.drain(out::add);
        assertThat(out).as("b may still deliver something older than 5").isEmpty();

        merge.add("b", new E("b", 0, 3));
        merge.drain(out::add);
        assertThat(out).as("b's 3 goes; then b is empty again, so a's 5 waits").extracting(E::time).containsExactly(3L);

        merge.finish("b");
        merge.drain(out::add);
        assertThat(out).extracting(E::time).containsExactly(3L, 5L);
        assertThat(merge.done()).isFalse();
        merge.finish("a");
        assertThat(merge.done()).isTrue();
    }

    @Test
    void aPartitionWhoseClockStepsBackKeepsItsOffsetOrder() {
        // a's producers disagree: offset 1 is stamped before offset 0
        Map<String, List<E>> lanes = lanes(Map.of("a", new long[] { 5, 3, 6 }, "b", new long[] { 4, 7 }));

        List<E> out = run(lanes, 100, new QueueFeed(lanes, 10));

        // heads are merged: b@0/4 before a@0/5; a@1/3 follows its predecessor a@0/5,
        // still before b@1/7
        assertThat(out).hasToString("[b@0/4, a@0/5, a@1/3, a@2/6, b@1/7]");
    }

    @Test
    void aPartitionAheadInTimeIsPausedSoBufferedEntriesStayBounded() {
        long[] late = new long[5_000];
        for (int i = 0; i < late.length; i++) {
            late[i] = 1_000_000 + i;
        }
        long[] early = new long[200];
        for (int i = 0; i < early.length; i++) {
            early[i] = i;
        }
        Map<String, List<E>> lanes = lanes(Map.of("ahead", late, "behind", early, "also-behind", early));
        int capacity = 10;
        int fetch = 50;
        QueueFeed feed = new QueueFeed(lanes, fetch, "behind"); // "behind" delivers one
                                                                // entry per poll
        TimelineMerge<String, E> merge = new TimelineMerge<>(new ArrayList<>(lanes.keySet()), E::time, capacity);
        List<E> out = new ArrayList<>();

        merge.run(feed, out::add);

        assertThat(out).containsExactlyElementsOf(sorted(lanes));
        assertThat(feed.everPaused).contains("ahead");
        // per lane: capacity - 1, then one more fetch before the pause takes effect
        assertThat(merge.peakBuffered()).isLessThanOrEqualTo(3L * (capacity - 1 + fetch));
        assertThat(merge.buffered()).isZero();
    }

    @Test
    void randomHistoriesComeOutAsTheirSortWithinTheBound() {
        Random random = new Random(42);
        for (int round = 0; round < 200; round++) {
            int laneCount = 1 + random.nextInt(8);
            Map<String, long[]> times = new LinkedHashMap<>();
            for (int l = 0; l < laneCount; l++) {
                long[] ts = new long[random.nextInt(300)];
                long t = random.nextInt(50);
                for (int i = 0; i < ts.length; i++) {
                    t += random.nextInt(4); // steps of 0 make ties within and across
                                            // lanes
                    ts[i] = t;
                }
                times.put("p" + l, ts);
            }
            Map<String, List<E>> lanes = lanes(times);
            int capacity = 1 + random.nextInt(20);
            int fetch = 1 + random.nextInt(30);
            String[] slow = random.nextBoolean() ? new String[] { "p0" } : new String[0];
            QueueFeed feed = new QueueFeed(lanes, fetch, slow);
            TimelineMerge<String, E> merge = new TimelineMerge<>(new ArrayList<>(lanes.keySet()), E::time, capacity);
            List<E> out = new ArrayList<>();

            merge.run(feed, out::add);

            assertThat(out).as("round %d", round).containsExactlyElementsOf(sorted(lanes));
            assertThat(merge.peakBuffered()).as("round %d", round)
                .isLessThanOrEqualTo((long) laneCount * (capacity - 1 + fetch));
        }
    }

    @Test
    void addingToAFinishedPartitionIsABug() {
        TimelineMerge<String, E> merge = merge(10, "a");
        merge.finish("a");

        assertThatThrownBy(() -> merge.add("a", new E("a", 0, 1))).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> merge.add("nope", new E("nope", 0, 1))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void noPartitionsIsAnEmptyTimeline() {
        TimelineMerge<String, E> merge = merge(10);
        List<E> out = new ArrayList<>();

        merge.run(new QueueFeed(new HashMap<>(), 10), out::add);

        assertThat(out).isEmpty();
    }

}

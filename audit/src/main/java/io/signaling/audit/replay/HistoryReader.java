package io.signaling.audit.replay;

import io.signaling.audit.replay.TimelineEntries.Position;
import io.signaling.schemas.audit.TimelineEntry;
import io.signaling.schemas.session.SessionEvent;
import io.signaling.schemas.topic.Topics;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads the history topics (session-events, signals, deliveries) from the first record at
 * or after {@code since} (found with {@code offsetsForTimes}) up to the end offsets seen
 * at start, and streams one timeline: a {@link TimelineMerge} of the partitions, each
 * read in offset order, ordered by (record timestamp, topic in that order, partition,
 * offset), printed as it is read. Memory is bounded by partitions × about twice
 * {@link #LANE_CAPACITY} entries (plus the consumer's fetch buffers), whatever the
 * history's size; a deliveries partition of signals routed at the edge, whose records are
 * two entries each, holds up to a fetch's worth more.
 *
 * <p>
 * A record is zero, one or two entries, all at its position and in that order
 * ({@link TimelineEntries#delivery}): filters apply to each entry, so {@code --user}
 * finds a direct signal's {@code signal-accepted} by its sender and recipient alike.
 *
 * <p>
 * Within a partition, offset order is kept: if a partition's timestamps go backwards
 * (producers with different clocks), its later-stamped-earlier record comes after its
 * predecessor, and the timeline is time-ordered except around that step. {@code --since}
 * finds each partition's first record at or after it; a record before that one stamped
 * after {@code since} is not shown.
 *
 * <p>
 * Records that cannot be read are reported on stderr and skipped.
 */
public final class HistoryReader implements AutoCloseable {

    /**
     * Entries a partition may hold in the merge before it stops being fetched; also
     * records per poll.
     */
    public static final int LANE_CAPACITY = 500;

    private static final Duration POLL = Duration.ofMillis(200);

    private final KafkaConsumer<byte[], byte[]> consumer;

    private final Topics topics;

    private final int laneCapacity;

    private final Map<String, Decoder> decoders = new HashMap<>();

    private final PrintWriter progress;

    private long skipped;

    private long peakBuffered;

    /** How a history topic's records become entries. */
    @FunctionalInterface
    private interface Decoder {

        /**
         * The record's entries in timeline order, all at its position: usually one; none
         * for a record that is not history (a receipt, a null value); two for a signal
         * routed at the edge, whose direct delivery is also its only record of being
         * accepted.
         */
        List<TimelineEntry> read(Position position, byte[] value);

    }

    public HistoryReader(String bootstrapServers, Topics topics, PrintWriter progress) {
        this(bootstrapServers, topics, progress, LANE_CAPACITY);
    }

    /**
     * @param progress where to report progress and skipped records, or null
     * @param laneCapacity entries a partition may hold in the merge before it stops being
     * fetched, and records per poll: a replay holds at most about partitions × 2 × this
     */
    public HistoryReader(String bootstrapServers, Topics topics, PrintWriter progress, int laneCapacity) {
        if (laneCapacity < 1) {
            throw new IllegalArgumentException("laneCapacity must be at least 1");
        }
        this.laneCapacity = laneCapacity;
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Integer.toString(laneCapacity));
        props.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, Integer.toString(16 * 1024 * 1024));
        props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, Integer.toString(1024 * 1024));
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "10000");
        this.consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.progress = progress;
        this.topics = topics;
        Deserializer<SessionEvent> sessionEvents = topics.sessionEvents().valueSerde().deserializer();
        String sessionTopic = topics.sessionEvents().name();
        decoders.put(sessionTopic, (position, value) -> {
            SessionEvent event = sessionEvents.deserialize(sessionTopic, value);
            return event == null ? List.of() : List.of(TimelineEntries.sessionEvent(position, event));
        });
        decoders.put(topics.signals().name(), (position, value) -> List.of(TimelineEntries.signal(position, value)));
        decoders.put(topics.deliveries().name(), TimelineEntries::delivery);
    }

    /** The history topics, in the timeline's tie-break order between equal timestamps. */
    private static List<String> historyTopics(Topics topics) {
        return List.of(topics.sessionEvents().name(), topics.signals().name(), topics.deliveries().name());
    }

    /**
     * Streams the matching history up to the end offsets seen now to {@code out}, oldest
     * first, as it reads. Returns how many entries went out.
     */
    public long replay(ReplayQuery query, Consumer<? super TimelineEntry> out) {
        Map<TopicPartition, Long> end = seek(query);
        long[] emitted = { 0 };
        Consumer<TimelineEntry> counted = entry -> {
            emitted[0]++;
            out.accept(entry);
        };
        TimelineMerge<TopicPartition, TimelineEntry> merge = new TimelineMerge<>(inTimelineOrder(end.keySet(), topics),
                entry -> entry.at().toEpochMilli(), laneCapacity);
        merge.run(new KafkaFeed(end, query), counted);
        peakBuffered = Math.max(peakBuffered, merge.peakBuffered());
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            if (consumer.position(e.getKey()) > e.getValue()) {
                consumer.seek(e.getKey(), e.getValue()); // fetched past the end and
                                                         // dropped: follow shows them
            }
        }
        consumer.resume(consumer.assignment());
        return emitted[0];
    }

    /**
     * Streams what {@link #replay} finds, then keeps printing new matching records as
     * they come (each partition's in offset order, partitions as they arrive) until
     * {@code keepGoing} says stop.
     */
    public void follow(ReplayQuery query, Consumer<? super TimelineEntry> out, BooleanSupplier keepGoing) {
        replay(query, out);
        Predicate<TimelineEntry> matches = matcher(query);
        while (keepGoing.getAsBoolean()) {
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                for (TimelineEntry entry : read(record)) {
                    if (matches.test(entry)) {
                        out.accept(redact(entry, query));
                    }
                }
            }
        }
    }

    public long skipped() {
        return skipped;
    }

    /**
     * The most entries the merge held at once in any replay so far: the replay's memory,
     * in entries.
     */
    public long peakBuffered() {
        return peakBuffered;
    }

    /**
     * The partitions as the merge's lanes, in the timeline's tie-break order between
     * equal timestamps: session-events, signals, deliveries, each by partition number.
     */
    static List<TopicPartition> inTimelineOrder(Collection<TopicPartition> partitions, Topics topics) {
        List<String> order = historyTopics(topics);
        List<TopicPartition> ordered = new ArrayList<>(partitions);
        ordered.sort(Comparator.comparingInt((TopicPartition tp) -> order.indexOf(tp.topic()))
            .thenComparingInt(TopicPartition::partition));
        return ordered;
    }

    private Map<TopicPartition, Long> seek(ReplayQuery query) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : historyTopics(topics)) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic);
            if (infos == null || infos.isEmpty()) {
                continue; // a topic nobody wrote yet: no history there
            }
            infos.forEach(i -> partitions.add(new TopicPartition(i.topic(), i.partition())));
        }
        consumer.assign(partitions);
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
        if (query.since() == null) {
            consumer.seekToBeginning(partitions);
        }
        else {
            Map<TopicPartition, Long> at = new HashMap<>();
            partitions.forEach(tp -> at.put(tp, query.since().toEpochMilli()));
            Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(at);
            for (TopicPartition tp : partitions) {
                OffsetAndTimestamp offset = found.get(tp);
                consumer.seek(tp, offset == null ? end.get(tp) : offset.offset());
            }
        }
        return end;
    }

    /**
     * The history's partitions as the merge's lanes: records before the end offsets, read
     * and filtered.
     */
    private final class KafkaFeed implements TimelineMerge.Feed<TopicPartition, TimelineEntry> {

        private final Map<TopicPartition, Long> end;

        private final ReplayQuery query;

        private final Predicate<TimelineEntry> matches;

        private final long total;

        private long scanned;

        private long lastReport = System.nanoTime();

        KafkaFeed(Map<TopicPartition, Long> end, ReplayQuery query) {
            this.end = end;
            this.query = query;
            this.matches = matcher(query);
            long sum = 0;
            for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
                sum += Math.max(0, e.getValue() - consumer.position(e.getKey()));
            }
            this.total = sum;
        }

        @Override
        public void poll(BiConsumer<TopicPartition, TimelineEntry> sink) {
            ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL);
            for (TopicPartition tp : records.partitions()) {
                long endOffset = end.get(tp);
                for (ConsumerRecord<byte[], byte[]> record : records.records(tp)) {
                    if (record.offset() >= endOffset) {
                        break; // appended after we started: the next replay (or follow)
                               // shows it
                    }
                    scanned++;
                    for (TimelineEntry entry : read(record)) {
                        if (matches.test(entry)) {
                            sink.accept(tp, redact(entry, query));
                        }
                    }
                }
            }
            if (progress != null && System.nanoTime() - lastReport > 2_000_000_000L) {
                progress.printf("scanned %,d of %,d records%n", scanned, total);
                progress.flush();
                lastReport = System.nanoTime();
            }
        }

        @Override
        public boolean exhausted(TopicPartition lane) {
            return consumer.position(lane) >= end.get(lane);
        }

        @Override
        public void pause(TopicPartition lane) {
            consumer.pause(List.of(lane));
        }

        @Override
        public void resume(TopicPartition lane) {
            consumer.resume(List.of(lane));
        }

    }

    private List<TimelineEntry> read(ConsumerRecord<byte[], byte[]> record) {
        if (record.value() == null) {
            return List.of();
        }
        try {
            Position position = new Position(record.topic(), record.partition(), record.offset(), record.timestamp());
            return decoders.get(record.topic()).read(position, record.value());
        }
        catch (RuntimeException unreadable) {
            skipped++;
            if (progress != null) {
                progress.printf("skipped unreadable record %s-%d@%d%n", record.topic(), record.partition(),
                        record.offset());
                progress.flush();
            }
            return List.of();
        }
    }

    private static Predicate<TimelineEntry> matcher(ReplayQuery query) {
        if (query.since() == null && query.until() == null && query.user() == null) {
            return entry -> true;
        }
        return entry -> query.inRange(entry.at()) && (query.user() == null || entry.involves(query.user()));
    }

    private static TimelineEntry redact(TimelineEntry entry, ReplayQuery query) {
        return query.redact() ? entry.withoutContent() : entry;
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(2));
    }

}

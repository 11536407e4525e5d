package io.signaling.audit.replay;

import io.signaling.audit.replay.TimelineEntries.Position;
import io.signaling.schemas.audit.TimelineEntry;
import io.signaling.schemas.topic.Topic;
import io.signaling.schemas.topic.Topics;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.BiFunction;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads the history topics (session-events, signals, deliveries) from the first record at or
 * after {@code since} (found with {@code offsetsForTimes}) up to the end offsets seen at start,
 * and returns one time-ordered timeline. Records that cannot be read are reported on stderr and
 * skipped.
 */
public final class HistoryReader implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(200);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Map<String, Source<?>> sources = new HashMap<>();
    private final PrintWriter progress;
    private long skipped;

    private record Source<V>(Topic<String, V> topic, int order, BiFunction<Position, V, TimelineEntry> toEntry) {

        TimelineEntry read(ConsumerRecord<byte[], byte[]> record) {
            Deserializer<V> deserializer = topic.valueSerde().deserializer();
            V value = deserializer.deserialize(record.topic(), record.value());
            if (value == null) {
                return null;
            }
            Position position = new Position(record.topic(), record.partition(), record.offset(),
                    Instant.ofEpochMilli(record.timestamp()));
            return toEntry.apply(position, value);
        }
    }

    public HistoryReader(String bootstrapServers, Topics topics, PrintWriter progress) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        props.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, Integer.toString(64 * 1024 * 1024));
        props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, Integer.toString(8 * 1024 * 1024));
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "10000");
        this.consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.progress = progress;
        add(new Source<>(topics.sessionEvents(), 0, TimelineEntries::of));
        add(new Source<>(topics.signals(), 1, TimelineEntries::of));
        add(new Source<>(topics.deliveries(), 2, TimelineEntries::of));
    }

    private void add(Source<?> source) {
        sources.put(source.topic().name(), source);
    }

    /** The whole matching history up to now, oldest first. */
    public List<TimelineEntry> replay(ReplayQuery query) {
        Map<TopicPartition, Long> end = seek(query);
        List<TimelineEntry> timeline = new ArrayList<>();
        readUntil(end, query, timeline::add);
        timeline.sort(Comparator.comparing(TimelineEntry::at)
                .thenComparing(e -> sources.get(e.topic()).order())
                .thenComparing(TimelineEntry::partition)
                .thenComparing(TimelineEntry::offset));
        return timeline;
    }

    /** Prints what {@link #replay} finds, then keeps printing new matching records until {@code keepGoing} says stop. */
    public void follow(ReplayQuery query, Consumer<TimelineEntry> out, BooleanSupplier keepGoing) {
        replay(query).forEach(out);
        Predicate<TimelineEntry> matches = matcher(query);
        while (keepGoing.getAsBoolean()) {
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                TimelineEntry entry = read(record);
                if (entry != null && matches.test(entry)) {
                    out.accept(redact(entry, query));
                }
            }
        }
    }

    public long skipped() {
        return skipped;
    }

    private Map<TopicPartition, Long> seek(ReplayQuery query) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : sources.keySet()) {
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

    private void readUntil(Map<TopicPartition, Long> end, ReplayQuery query, Consumer<TimelineEntry> out) {
        Predicate<TimelineEntry> matches = matcher(query);
        long total = 0;
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            total += Math.max(0, e.getValue() - consumer.position(e.getKey()));
        }
        long scanned = 0;
        long lastReport = System.nanoTime();
        while (!caughtUp(end)) {
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                scanned++;
                if (record.offset() >= end.get(new TopicPartition(record.topic(), record.partition()))) {
                    continue; // appended after we started: the next replay shows it
                }
                TimelineEntry entry = read(record);
                if (entry != null && matches.test(entry)) {
                    out.accept(redact(entry, query));
                }
            }
            if (progress != null && System.nanoTime() - lastReport > 2_000_000_000L) {
                progress.printf("scanned %,d of %,d records%n", scanned, total);
                progress.flush();
                lastReport = System.nanoTime();
            }
        }
    }

    private boolean caughtUp(Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            if (consumer.position(e.getKey()) < e.getValue()) {
                return false;
            }
        }
        return true;
    }

    private TimelineEntry read(ConsumerRecord<byte[], byte[]> record) {
        if (record.value() == null) {
            return null;
        }
        try {
            return sources.get(record.topic()).read(record);
        }
        catch (RuntimeException unreadable) {
            skipped++;
            if (progress != null) {
                progress.printf("skipped unreadable record %s-%d@%d%n", record.topic(), record.partition(), record.offset());
                progress.flush();
            }
            return null;
        }
    }

    private static Predicate<TimelineEntry> matcher(ReplayQuery query) {
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

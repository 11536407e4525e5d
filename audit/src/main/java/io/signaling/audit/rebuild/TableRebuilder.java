package io.signaling.audit.rebuild;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.signaling.edge.SkippingDecoder;
import io.signaling.edge.TableAssignment;
import io.signaling.schemas.session.SessionEvent;
import io.signaling.schemas.session.SessionState;
import io.signaling.schemas.session.SessionTable;
import io.signaling.schemas.topic.Topic;
import io.signaling.schemas.topic.Topics;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Recomputes the session table from the session-events log alone, with the same fold the
 * relay uses ({@link SessionTable#evolve}), and reads the live table (the compacted
 * sessions topic the relay publishes) to compare the two. Each topic is read from its
 * beginning to its end offsets when the read starts, through the Kafka edge's
 * {@link TableAssignment} and {@link SkippingDecoder} (an unreadable record is skipped,
 * logged by coordinates and counted in {@link #unreadable()}), as the services read their
 * tables.
 */
public final class TableRebuilder implements AutoCloseable {

    private static final String SKIPPED = "signaling.audit.records.skipped";

    private final KafkaConsumer<String, byte[]> consumer;

    private final Topics topics;

    private final MeterRegistry meters = new SimpleMeterRegistry();

    public TableRebuilder(String bootstrapServers, Topics topics) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        props.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "10000");
        // an audit reads: a missing topic is an error, never one the broker creates for
        // it
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        this.consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
        this.topics = topics;
    }

    /** userId → row, folded from every session event in the log. */
    public Map<String, SessionState> rebuildFromEvents() {
        Map<String, SessionState> table = new HashMap<>();
        readAll(topics.sessionEvents(), (key, event) -> {
            if (event == null) {
                return; // a tombstone: the event log has none to fold
            }
            SessionState next = SessionTable.evolve(table.get(event.userId()), event);
            if (next == null) {
                table.remove(event.userId());
            }
            else {
                table.put(event.userId(), next);
            }
        });
        return table;
    }

    /** userId → row, as the relay published it on the compacted sessions topic. */
    public Map<String, SessionState> liveTable() {
        Map<String, SessionState> table = new HashMap<>();
        readAll(topics.sessions(), (key, row) -> {
            if (row == null) {
                table.remove(key);
            }
            else {
                table.put(key, row);
            }
        });
        return table;
    }

    /** Records skipped so far as unreadable (no key, or a value that does not decode). */
    public long unreadable() {
        return Math.round(meters.find(SKIPPED).counters().stream().mapToDouble(Counter::count).sum());
    }

    /**
     * Every row of {@code topic} up to its end offsets now, tombstones as {@code null}; a
     * missing topic is a {@code KafkaException} naming it.
     */
    private <V> void readAll(Topic<String, V> topic, BiConsumer<String, V> apply) {
        SkippingDecoder<V> decoder = new SkippingDecoder<>(topic, meters, SKIPPED);
        TableAssignment assignment = TableAssignment.assign(consumer, List.of(topic.name()), List.of());
        while (!assignment.caughtUp(consumer)) {
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                V value = decoder.decode(record);
                if (decoder.applies(record, value)) {
                    apply.accept(record.key(), value);
                }
            }
        }
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(2));
    }

}

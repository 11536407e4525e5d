package io.signaling.audit.rebuild;

import io.signaling.schemas.session.SessionEvent;
import io.signaling.schemas.session.SessionState;
import io.signaling.schemas.session.SessionTable;
import io.signaling.schemas.topic.Topic;
import io.signaling.schemas.topic.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Recomputes the session table from the session-events log alone, with the same fold the
 * relay uses ({@link SessionTable#evolve}), and reads the live table (the compacted
 * sessions topic the relay publishes) to compare the two.
 */
public final class TableRebuilder implements AutoCloseable {

    private final KafkaConsumer<byte[], byte[]> consumer;

    private final Topics topics;

    private long unreadable;

    public TableRebuilder(String bootstrapServers, Topics topics) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        props.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "10000");
        this.consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.topics = topics;
    }

    /** userId → row, folded from every session event in the log. */
    public Map<String, SessionState> rebuildFromEvents() {
        Map<String, SessionState> table = new HashMap<>();
        readAll(topics.sessionEvents(), (key, event) -> {
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

    public long unreadable() {
        return unreadable;
    }

    private <V> void readAll(Topic<String, V> topic, BiConsumer<String, V> apply) {
        List<TopicPartition> partitions = new ArrayList<>();
        List<PartitionInfo> infos = consumer.partitionsFor(topic.name());
        if (infos != null) {
            infos.forEach(i -> partitions.add(new TopicPartition(i.topic(), i.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
        while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                if (record.offset() >= end.get(new TopicPartition(record.topic(), record.partition()))) {
                    continue;
                }
                String key = record.key() == null ? null
                        : new String(record.key(), java.nio.charset.StandardCharsets.UTF_8);
                V value;
                try {
                    value = record.value() == null ? null
                            : topic.valueSerde().deserializer().deserialize(record.topic(), record.value());
                }
                catch (RuntimeException e) {
                    unreadable++;
                    continue;
                }
                if (key != null && (value != null || topic == topics.sessions())) {
                    apply.accept(key, value);
                }
            }
        }
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(2));
    }

}

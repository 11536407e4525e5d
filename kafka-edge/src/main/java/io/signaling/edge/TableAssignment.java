package io.signaling.edge;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

/**
 * A group-less reader's positions: every partition of some compacted tables from their
 * beginning (the table is rebuilt at each start, nothing is committed), every partition
 * of some streams from their end (only what happens from now on matters), and the tables'
 * end offsets at assignment, which it has caught up with once read up to them. The
 * streams' positions are resolved here, before the first poll, so nothing appended after
 * {@link #assign} returns can slip by unread.
 */
public final class TableAssignment {

    private final List<TopicPartition> tables;

    private final Map<TopicPartition, Long> targets;

    private TableAssignment(List<TopicPartition> tables, Map<TopicPartition, Long> targets) {
        this.tables = tables;
        this.targets = targets;
    }

    /**
     * Assigns and seeks {@code consumer}; a topic without partitions (missing) is a
     * {@link KafkaException}.
     */
    public static TableAssignment assign(Consumer<String, byte[]> consumer, List<String> tableTopics,
            List<String> streamTopics) {
        List<TopicPartition> tables = new ArrayList<>();
        tableTopics.forEach(topic -> tables.addAll(partitions(consumer, topic)));
        List<TopicPartition> streams = new ArrayList<>();
        streamTopics.forEach(topic -> streams.addAll(partitions(consumer, topic)));
        List<TopicPartition> all = new ArrayList<>(tables);
        all.addAll(streams);
        consumer.assign(all);
        // An empty list would mean every assigned partition to both seeks: no streams
        // must not send the tables to their end.
        if (!tables.isEmpty()) {
            consumer.seekToBeginning(tables);
        }
        if (!streams.isEmpty()) {
            consumer.seekToEnd(streams);
        }
        streams.forEach(consumer::position); // resolve now, see class comment
        return new TableAssignment(List.copyOf(tables), Map.copyOf(consumer.endOffsets(tables)));
    }

    private static List<TopicPartition> partitions(Consumer<String, byte[]> consumer, String topic) {
        List<PartitionInfo> infos = consumer.partitionsFor(topic);
        if (infos == null || infos.isEmpty()) {
            throw new KafkaException("topic " + topic + " has no partitions");
        }
        return infos.stream().map(info -> new TopicPartition(info.topic(), info.partition())).toList();
    }

    /**
     * The tables' partitions, in the order of their topics then partition numbers as the
     * broker listed them.
     */
    public List<TopicPartition> tablePartitions() {
        return tables;
    }

    /**
     * How many records the tables held at assignment (an upper bound: compaction may have
     * removed some).
     */
    public long recordsToCatchUp() {
        return targets.values().stream().mapToLong(Long::longValue).sum();
    }

    /**
     * True once {@code consumer} has read every table up to its end offset at assignment.
     */
    public boolean caughtUp(Consumer<String, byte[]> consumer) {
        for (Map.Entry<TopicPartition, Long> target : targets.entrySet()) {
            if (consumer.position(target.getKey()) < target.getValue()) {
                return false;
            }
        }
        return true;
    }

}

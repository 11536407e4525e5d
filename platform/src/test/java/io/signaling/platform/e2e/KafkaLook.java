package io.signaling.platform.e2e;

import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.utils.Utils;

/**
 * What a test reads from the platform's Kafka: who owns which partitions, and what a
 * topic holds.
 */
final class KafkaLook implements AutoCloseable {

    private final String bootstrapServers;

    private final Admin admin;

    KafkaLook(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
        this.admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers, "default.api.timeout.ms", 10_000,
                "request.timeout.ms", 5_000));
    }

    /**
     * The members of a consumer group (a Streams application: one per stream thread), as
     * the coordinator sees them.
     */
    List<MemberDescription> members(String group) {
        try {
            ConsumerGroupDescription description = admin.describeConsumerGroups(List.of(group))
                .describedGroups()
                .get(group)
                .get(10, TimeUnit.SECONDS);
            return List.copyOf(description.members());
        }
        catch (ExecutionException | TimeoutException e) {
            return List.of();
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Partitions of {@code topic} assigned to the group's members whose client id starts
     * with {@code clientIdPrefix}.
     */
    Set<Integer> partitionsOf(String group, String clientIdPrefix, String topic) {
        Set<Integer> partitions = new TreeSet<>();
        for (MemberDescription member : members(group)) {
            if (member.clientId().startsWith(clientIdPrefix)) {
                member.assignment()
                    .topicPartitions()
                    .stream()
                    .filter(tp -> tp.topic().equals(topic))
                    .forEach(tp -> partitions.add(tp.partition()));
            }
        }
        return partitions;
    }

    /** The partition the producers' default partitioner gives {@code key}. */
    static int partitionOf(String key, int partitions) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    /** Every record of {@code topic} now, from its beginning to its end. */
    List<ConsumerRecord<String, String>> readAll(String topic) {
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrapServers),
                new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30))
                .stream()
                .map(p -> new TopicPartition(p.topic(), p.partition()))
                .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            await(topic + " read to its end").atMost(Duration.ofSeconds(60)).until(() -> {
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
                return partitions.stream().allMatch(p -> consumer.position(p) >= end.get(p));
            });
        }
        return records;
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }

}

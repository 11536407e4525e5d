package io.signaling.system;

import static org.awaitility.Awaitility.await;

import io.signaling.schemas.session.DeleteReason;
import io.signaling.schemas.session.SessionDeleted;
import io.signaling.schemas.session.SessionEvent;
import io.signaling.schemas.topic.Topic;
import io.signaling.schemas.topic.Topics;
import io.signaling.schemas.topic.TopicsProperties;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads the platform's session-events log (contract §3): why, and when, a session ended.
 */
final class SessionEvents {

    private SessionEvents() {
    }

    /**
     * Waits (bounded) for the {@code SessionDeleted} of {@code userId} and returns its
     * reason.
     */
    static DeleteReason awaitDeleted(Platform platform, String userId, Duration within) {
        return await().atMost(within)
            .pollInterval(Duration.ofMillis(200))
            .until(() -> deleted(platform, userId), Optional::isPresent)
            .orElseThrow();
    }

    static Optional<DeleteReason> deleted(Platform platform, String userId) {
        return Optional.ofNullable(deletions(platform).get(userId)).map(SessionDeleted::reason);
    }

    /**
     * The last {@code SessionDeleted} of every user in the log so far; its {@code at} is
     * when the relay decided it.
     */
    static Map<String, SessionDeleted> deletions(Platform platform) {
        Topic<String, SessionEvent> topic = Topics.from(TopicsProperties.defaults(platform.prefix())).sessionEvents();
        Map<String, SessionDeleted> deletions = new HashMap<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
                Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.bootstrapServers(),
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic.name())
                .stream()
                .map(info -> new TopicPartition(info.topic(), info.partition()))
                .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (topic.valueSerde()
                        .deserializer()
                        .deserialize(topic.name(), record.value()) instanceof SessionDeleted deleted) {
                        deletions.put(record.key(), deleted);
                    }
                }
            }
            return deletions;
        }
    }

}

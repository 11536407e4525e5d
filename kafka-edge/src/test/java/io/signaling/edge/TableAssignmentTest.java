package io.signaling.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * A reader's positions on a real broker: tables from their beginning (with or without
 * streams beside them), streams from their end.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TableAssignmentTest {

    private final EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 1);

    @BeforeAll
    void writeATableAndAStream() throws Exception {
        broker.afterPropertiesSet();
        broker.addTopics(new NewTopic("table", 2, (short) 1), new NewTopic("stream", 1, (short) 1));
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()), new StringSerializer(),
                new ByteArraySerializer())) {
            for (String key : List.of("a", "b", "c")) {
                producer.send(new ProducerRecord<>("table", key, key.getBytes(StandardCharsets.UTF_8))).get();
            }
            for (int i = 0; i < 2; i++) {
                producer.send(new ProducerRecord<>("stream", "s", new byte[] { 1 })).get();
            }
        }
    }

    @AfterAll
    void stopBroker() {
        broker.destroy();
    }

    @Test
    void aTableAloneIsReadFromItsBeginning() {
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            TableAssignment assignment = TableAssignment.assign(consumer, List.of("table"), List.of());

            assertThat(assignment.recordsToCatchUp()).isEqualTo(3);
            assertThat(assignment.caughtUp(consumer)).isFalse();
            assertThat(readUntilCaughtUp(consumer, assignment)).containsExactlyInAnyOrder("a", "b", "c");
        }
    }

    @Test
    void streamsBesideATableStartAtTheirEnd() {
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            TableAssignment assignment = TableAssignment.assign(consumer, List.of("table"), List.of("stream"));

            assertThat(consumer.position(new TopicPartition("stream", 0))).isEqualTo(2);
            assertThat(readUntilCaughtUp(consumer, assignment)).containsExactlyInAnyOrder("a", "b", "c");
        }
    }

    @Test
    void aMissingTopicIsAnError() {
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            assertThatThrownBy(() -> TableAssignment.assign(consumer, List.of("no-such-table"), List.of()))
                .isInstanceOf(KafkaException.class)
                .hasMessageContaining("no-such-table");
        }
    }

    private List<String> readUntilCaughtUp(KafkaConsumer<String, byte[]> consumer, TableAssignment assignment) {
        List<String> keys = new ArrayList<>();
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                keys.add(record.topic() + ":" + record.key());
            }
            return assignment.caughtUp(consumer);
        });
        return keys.stream().filter(k -> k.startsWith("table:")).map(k -> k.substring("table:".length())).toList();
    }

    private KafkaConsumer<String, byte[]> consumer() {
        return new KafkaConsumer<>(
                Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString(),
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                        ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false"),
                new StringDeserializer(), new ByteArrayDeserializer());
    }

}

package io.signaling.relay.system;

import io.signaling.schemas.topic.Topic;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Plays session-service and the gateways around a real relay: writes their records with
 * the registry's serdes, and reads what the relay writes (every partition, from the
 * beginning).
 */
final class KafkaTopicsClient implements AutoCloseable {

    /** One record the relay wrote, decoded, with the partition it landed in. */
    record Read<V>(int partition, String key, V value) {
    }

    private final KafkaProducer<byte[], byte[]> producer;

    private final KafkaConsumer<byte[], byte[]> consumer;

    private final Map<String, Topic<String, ?>> watched;

    private final Map<String, List<Read<?>>> received;

    KafkaTopicsClient(String bootstrapServers, List<Topic<String, ?>> watch) {
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 0), new ByteArraySerializer(),
                new ByteArraySerializer());
        consumer = new KafkaConsumer<>(
                Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        watched = new HashMap<>();
        received = new HashMap<>();
        List<TopicPartition> partitions = new ArrayList<>();
        for (Topic<String, ?> topic : watch) {
            watched.put(topic.name(), topic);
            received.put(topic.name(), new CopyOnWriteArrayList<>());
            for (int p = 0; p < topic.partitions(); p++) {
                partitions.add(new TopicPartition(topic.name(), p));
            }
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    <V> void send(Topic<String, V> topic, String key, V value)
            throws InterruptedException, ExecutionException, TimeoutException {
        byte[] bytes = topic.valueSerde().serializer().serialize(topic.name(), value);
        producer.send(new ProducerRecord<>(topic.name(), key.getBytes(StandardCharsets.UTF_8), bytes))
            .get(10, TimeUnit.SECONDS);
    }

    /** Bytes as a broken or foreign producer would write them. */
    void sendRaw(String topic, String key, byte[] value)
            throws InterruptedException, ExecutionException, TimeoutException {
        producer.send(new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8), value))
            .get(10, TimeUnit.SECONDS);
    }

    /** Everything read so far from {@code topic}, after one more poll. */
    @SuppressWarnings("unchecked")
    <V> List<Read<V>> read(Topic<String, V> topic) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
            Topic<String, ?> source = watched.get(record.topic());
            Object value = source.valueSerde().deserializer().deserialize(record.topic(), record.value());
            String key = source.keySerde().deserializer().deserialize(record.topic(), record.key());
            received.get(record.topic()).add(new Read<>(record.partition(), key, value));
        }
        return (List<Read<V>>) (List<?>) List.copyOf(received.get(topic.name()));
    }

    <V> List<V> values(Topic<String, V> topic) {
        return read(topic).stream().map(Read::value).toList();
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
        consumer.close(Duration.ofSeconds(5));
    }

}

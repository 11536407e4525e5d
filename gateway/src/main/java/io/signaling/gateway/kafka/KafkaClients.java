package io.signaling.gateway.kafka;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;

/**
 * Builds the gateway's Kafka clients from Boot's {@code spring.kafka.*} (bootstrap servers,
 * security) plus the settings the signal path relies on, which configuration cannot weaken.
 * Values travel as bytes: serdes are applied per topic by {@link RecordWriter} and
 * {@link SkippingDecoder}, so a bad record can be skipped with its partition and offset in hand.
 */
public final class KafkaClients {

    private final KafkaProperties boot;

    public KafkaClients(KafkaProperties boot) {
        this.boot = boot;
    }

    public Producer<String, byte[]> producer(String clientId) {
        Map<String, Object> config = new HashMap<>(boot.buildProducerProperties());
        config.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        // docs/architecture.md "Settings on the signal path": an ack to the client means replicated, once, in order.
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        // Latency first: send at once when idle (under load, records queue behind the in-flight requests and
        // batch anyway). spring.kafka.producer.properties.linger.ms may trade latency for fewer requests.
        config.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 0);
        config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        config.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
        return new KafkaProducer<>(config);
    }

    /**
     * A consumer of raw bytes. Without {@code groupId} it commits nothing (the caller assigns and
     * seeks); with one it commits its position for the next start.
     */
    public Consumer<String, byte[]> consumer(String clientId, String groupId, Map<String, Object> overrides) {
        Map<String, Object> config = new HashMap<>(boot.buildConsumerProperties());
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        // Free with the at-least-once relay (no transactions); correct if it runs exactly_once_v2.
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        if (groupId == null) {
            config.remove(ConsumerConfig.GROUP_ID_CONFIG);
            config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        }
        else {
            config.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        }
        config.putAll(overrides);
        return new KafkaConsumer<>(config);
    }

    public Map<String, Object> adminConfig() {
        return new HashMap<>(boot.buildAdminProperties());
    }
}

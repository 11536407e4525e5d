package io.signaling.gateway.kafka;

import io.signaling.edge.SignalPathProducer;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
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
 * Builds the gateway's Kafka clients from Boot's {@code spring.kafka.*} (bootstrap
 * servers, security) plus the settings the signal path relies on, which configuration
 * cannot weaken. Values travel as bytes: serdes are applied per topic by
 * {@link RecordWriter} and {@code SkippingDecoder}, so a bad record can be skipped with
 * its partition and offset in hand.
 */
public final class KafkaClients {

    /** What the gateway's readers count records they could not read and skipped in. */
    public static final String SKIPPED_RECORDS = "signaling.gateway.records.skipped";

    private final KafkaProperties boot;

    public KafkaClients(KafkaProperties boot) {
        this.boot = boot;
    }

    /**
     * The producer's {@code buffer.memory} unless
     * {@code spring.kafka.producer.buffer-memory} says otherwise: Kafka's default, stated
     * because admission keeps signals to half of it (see {@link #producer}).
     */
    public static final long DEFAULT_BUFFER_MEMORY = 32L * 1024 * 1024;

    /**
     * Longest a {@code send()} may block the calling thread: a Tomcat or Kafka thread
     * (docs/architecture.md).
     */
    static final int MAX_BLOCK_MS = 1_000;

    /**
     * A produce request to a broker that does not answer is given up (and retried) after
     * this.
     */
    static final int REQUEST_TIMEOUT_MS = 5_000;

    /**
     * An append not acknowledged by then fails. Kafka's default: long enough for a broker
     * to be restarted or replaced, so that an outage ends in the truth (the idempotent
     * producer's retry is written once, and acked) rather than in "unknown", which ends
     * the sender's connection ({@code SignalIntake}). Admission refuses new signals
     * {@code overloaded} within {@code max-ack-latency} meanwhile.
     */
    static final int DELIVERY_TIMEOUT_MS = 120_000;

    public Producer<String, byte[]> producer(String clientId) {
        // docs/architecture.md "Settings on the signal path": an ack to the client means
        // replicated, once, in order.
        Map<String, Object> config = SignalPathProducer.apply(boot.buildProducerProperties());
        config.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        // send() runs on Tomcat threads (signals) and the deliveries consumer thread
        // (reports). It blocks only for
        // metadata of a topic it does not know yet, and for buffer space: admission keeps
        // signals to half of
        // buffer.memory, the topics' metadata is fetched before the first heartbeat and
        // kept, so neither happens in
        // normal operation, and if it does, the thread is back within a second and the
        // signal is refused.
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, MAX_BLOCK_MS);
        config.putIfAbsent(ProducerConfig.BUFFER_MEMORY_CONFIG, DEFAULT_BUFFER_MEMORY);
        config.put(ProducerConfig.METADATA_MAX_IDLE_CONFIG, TimeUnit.DAYS.toMillis(1)); // Kafka's
                                                                                        // 5
                                                                                        // min
                                                                                        // would
                                                                                        // drop
                                                                                        // a
                                                                                        // quiet
                                                                                        // topic's
        // A broker that does not answer a request is asked again after 5 s (Kafka:
        // 30 s); an append is given up only after 2 min (see DELIVERY_TIMEOUT_MS).
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, REQUEST_TIMEOUT_MS);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, DELIVERY_TIMEOUT_MS);
        config.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
        return new KafkaProducer<>(config);
    }

    /** The producer's effective {@code buffer.memory}. */
    public long producerBufferMemory() {
        Object configured = boot.buildProducerProperties().get(ProducerConfig.BUFFER_MEMORY_CONFIG);
        return configured == null ? DEFAULT_BUFFER_MEMORY : Long.parseLong(configured.toString());
    }

    /**
     * A consumer of raw bytes. Without {@code groupId} it commits nothing (the caller
     * assigns and seeks); with one it commits its position for the next start.
     */
    public Consumer<String, byte[]> consumer(String clientId, String groupId, Map<String, Object> overrides) {
        Map<String, Object> config = new HashMap<>(boot.buildConsumerProperties());
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        // Free with the at-least-once relay (no transactions); correct if it runs
        // exactly_once_v2.
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

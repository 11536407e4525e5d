package io.signaling.gateway.kafka;

import io.signaling.schemas.topic.Topic;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;

/**
 * The gateway's one producer, shared by every topic it writes (signals, deliveries of
 * signals routed at the edge, gateway-reports, gateways), each record serialized with its
 * topic's serde from the {@code Topics} registry.
 */
public final class RecordWriter implements AutoCloseable {

    private final Producer<String, byte[]> producer;

    public RecordWriter(Producer<String, byte[]> producer) {
        this.producer = producer;
    }

    /**
     * Appends {@code value} ({@code null}: a tombstone); completes when the broker
     * acknowledged it. Fails with {@link NotSentException} when the record never left
     * this process (it is certainly not in the log); any other failure comes from the
     * producer's callback, after the record may have reached a broker.
     */
    public <V> CompletableFuture<RecordMetadata> write(Topic<String, V> topic, String key, V value) {
        return write(topic, null, key, value);
    }

    /**
     * As {@link #write(Topic, String, Object)}, into {@code partition} ({@code null}: the
     * key's).
     */
    public <V> CompletableFuture<RecordMetadata> write(Topic<String, V> topic, Integer partition, String key, V value) {
        CompletableFuture<RecordMetadata> result = new CompletableFuture<>();
        try {
            byte[] bytes = value == null ? null : topic.valueSerde().serializer().serialize(topic.name(), value);
            Thread caller = Thread.currentThread();
            AtomicBoolean returned = new AtomicBoolean();
            producer.send(new ProducerRecord<>(topic.name(), partition, key, bytes), (metadata, failure) -> {
                if (failure == null) {
                    result.complete(metadata);
                }
                else if (!returned.get() && Thread.currentThread() == caller) {
                    // send() reports its own failures (no metadata within max.block.ms,
                    // no buffer space) through the callback, on the calling thread,
                    // before it returns: the record never left
                    result.completeExceptionally(new NotSentException(failure));
                }
                else {
                    result.completeExceptionally(failure);
                }
            });
            returned.set(true);
        }
        catch (RuntimeException e) { // metadata timeout, closed producer, serialization:
                                     // a failed write, not a crash
            result.completeExceptionally(new NotSentException(e));
        }
        return result;
    }

    /**
     * Fetches the producer's metadata of these topics now, so that no later
     * {@code send()} waits for it on the thread that calls it; false when the brokers did
     * not answer within {@code max.block.ms}.
     */
    public boolean fetchMetadata(List<String> topicNames) {
        try {
            topicNames.forEach(producer::partitionsFor);
            return true;
        }
        catch (KafkaException e) {
            return false;
        }
    }

    public void flush() {
        producer.flush();
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }

}

package io.signaling.edge;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.signaling.schemas.topic.Topic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a record value with its topic's serde and never throws: a record that cannot be
 * read is logged by topic/partition/offset and the exception's class (never its content
 * nor the exception's message, which may quote it), counted in the given counter (tag
 * {@code topic}), and skipped, so a bad record never stalls a partition. One instance per
 * consumer thread.
 */
public final class SkippingDecoder<V> {

    private static final Logger log = LoggerFactory.getLogger(SkippingDecoder.class);

    private final Deserializer<V> deserializer;

    private final Counter skipped;

    /** {@code counterName}: the service's {@code signaling.<service>.records.skipped}. */
    public SkippingDecoder(Topic<String, V> topic, MeterRegistry meters, String counterName) {
        this.deserializer = topic.valueSerde().deserializer();
        this.skipped = Counter.builder(counterName)
            .description("Records that could not be read and were skipped")
            .tag("topic", topic.name())
            .register(meters);
    }

    /**
     * The value, or {@code null} for a tombstone and for a record that cannot be read.
     */
    public V decode(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            return null;
        }
        try {
            V value = deserializer.deserialize(record.topic(), record.headers(), record.value());
            if (value == null) {
                skip(record, "decoded to null");
            }
            return value;
        }
        catch (RuntimeException e) {
            skip(record, e.getClass().getSimpleName());
            return null;
        }
    }

    /**
     * Whether this record is a row to apply: it has a key, and it is a tombstone or
     * {@code value} was read.
     */
    public boolean applies(ConsumerRecord<String, byte[]> record, V value) {
        if (record.key() == null) {
            skip(record, "no key");
            return false;
        }
        return value != null || record.value() == null;
    }

    private void skip(ConsumerRecord<String, byte[]> record, String why) {
        skipped.increment();
        log.warn("Skipping unreadable record {}-{}@{} ({})", record.topic(), record.partition(), record.offset(), why);
    }

}

package io.signaling.schemas.json;

import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;
import org.springframework.kafka.support.serializer.JacksonJsonSerde;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectReader;

/**
 * JSON serdes for record types. Type information lives in the JSON ({@code "type"} of
 * each sealed family), not in Kafka headers, so records stay readable by any consumer and
 * the audit tool. A record that cannot be read raises
 * {@link org.apache.kafka.common.errors.SerializationException}, which every consumer
 * handles (log, count, skip) instead of retrying forever. Neither a failed read nor a
 * failed write carries the record into its exception: Kafka clients, Kafka Streams and
 * our own handlers log those exceptions, and signal content must never reach a log.
 */
public final class Serdes {

    private Serdes() {
    }

    public static <T> Serde<T> json(Class<T> type) {
        JacksonJsonSerde<T> jackson = new JacksonJsonSerde<T>(type, Json.mapper()).noTypeInfo().ignoreTypeHeaders();
        return org.apache.kafka.common.serialization.Serdes.serdeFrom(
                new ContentFreeSerializer<>(jackson.serializer(), type),
                new ContentFreeDeserializer<>(new SourceKeepingDeserializer<>(type), type));
    }

    /**
     * Reads a record with its bytes at hand, so that a {@link RawJson} in it is a slice
     * of them rather than a tree written again. Type headers are ignored, as
     * {@link JacksonJsonSerde}'s are with {@code ignoreTypeHeaders()}: the type is the
     * topic's.
     */
    private static final class SourceKeepingDeserializer<T> implements Deserializer<T> {

        private final ObjectReader reader;

        SourceKeepingDeserializer(Class<T> type) {
            this.reader = Json.mapper().readerFor(type);
        }

        @Override
        public T deserialize(String topic, byte[] data) {
            return data == null ? null : reader.withAttribute(RawJson.SOURCE, data).readValue(data);
        }

    }

    /**
     * Rethrows a failed write without the record: spring-kafka's message is
     * {@code "Can't serialize data [<the record's toString>]"}, which holds a signal's
     * content.
     */
    private static final class ContentFreeSerializer<T> implements Serializer<T> {

        private final Serializer<T> delegate;

        private final Class<T> type;

        ContentFreeSerializer(Serializer<T> delegate, Class<T> type) {
            this.delegate = delegate;
            this.type = type;
        }

        @Override
        public void configure(Map<String, ?> configs, boolean isKey) {
            delegate.configure(configs, isKey);
        }

        @Override
        public byte[] serialize(String topic, T data) {
            try {
                return delegate.serialize(topic, data);
            }
            catch (RuntimeException e) {
                throw contentFree("Can't serialize a ", topic, -1, e);
            }
        }

        @Override
        public byte[] serialize(String topic, Headers headers, T data) {
            try {
                return delegate.serialize(topic, headers, data);
            }
            catch (RuntimeException e) {
                throw contentFree("Can't serialize a ", topic, -1, e);
            }
        }

        @Override
        public void close() {
            delegate.close();
        }

        private SerializationException contentFree(String what, String topic, int size, RuntimeException e) {
            return Serdes.contentFree(what, type, topic, size, e);
        }

    }

    /**
     * Rethrows a failed read without the record: spring-kafka's message holds all its
     * bytes and Jackson's may quote a token of it, and consumers log the exception, but
     * signal content must never reach a log. What is left (topic, type, size, where
     * parsing stopped) is enough to find the record by the partition and offset the
     * consumer logs next to it.
     */
    private static final class ContentFreeDeserializer<T> implements Deserializer<T> {

        private final Deserializer<T> delegate;

        private final Class<T> type;

        ContentFreeDeserializer(Deserializer<T> delegate, Class<T> type) {
            this.delegate = delegate;
            this.type = type;
        }

        @Override
        public void configure(Map<String, ?> configs, boolean isKey) {
            delegate.configure(configs, isKey);
        }

        @Override
        public T deserialize(String topic, byte[] data) {
            try {
                return delegate.deserialize(topic, data);
            }
            catch (RuntimeException e) {
                throw Serdes.contentFree("Can't deserialize a ", type, topic, data == null ? 0 : data.length, e);
            }
        }

        @Override
        public T deserialize(String topic, Headers headers, byte[] data) {
            try {
                return delegate.deserialize(topic, headers, data);
            }
            catch (RuntimeException e) {
                throw Serdes.contentFree("Can't deserialize a ", type, topic, data == null ? 0 : data.length, e);
            }
        }

        @Override
        public void close() {
            delegate.close();
        }

    }

    /**
     * What went wrong, without the record: its type, the topic, its size when known, the
     * class of the cause and where parsing stopped. Neither Jackson's message (it may
     * quote a token) nor the cause itself is kept: a logger prints a cause's message too.
     */
    static SerializationException contentFree(String what, Class<?> type, String topic, int size, RuntimeException e) {
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        StringBuilder message = new StringBuilder(what).append(type.getSimpleName())
            .append(" for topic [")
            .append(topic)
            .append("]");
        if (size >= 0) {
            message.append(" (").append(size).append(" bytes)");
        }
        message.append(": ").append(cause.getClass().getSimpleName());
        if (cause instanceof JacksonException jackson && jackson.getLocation() != null
                && jackson.getLocation().getByteOffset() >= 0) {
            message.append(" at byte ").append(jackson.getLocation().getByteOffset());
        }
        return new SerializationException(message.toString());
    }

}

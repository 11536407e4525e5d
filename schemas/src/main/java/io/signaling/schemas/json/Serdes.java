package io.signaling.schemas.json;

import org.apache.kafka.common.serialization.Serde;
import org.springframework.kafka.support.serializer.JacksonJsonSerde;

/**
 * JSON serdes for record types. Type information lives in the JSON ({@code "type"} of each sealed
 * family), not in Kafka headers, so records stay readable by any consumer and the audit tool.
 * A record that cannot be read raises {@link org.apache.kafka.common.errors.SerializationException},
 * which every consumer handles (log, count, skip) instead of retrying forever.
 */
public final class Serdes {

    private Serdes() {
    }

    public static <T> Serde<T> json(Class<T> type) {
        return new JacksonJsonSerde<T>(type, Json.mapper()).noTypeInfo().ignoreTypeHeaders();
    }
}

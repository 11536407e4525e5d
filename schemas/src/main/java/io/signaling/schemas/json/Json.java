package io.signaling.schemas.json;

import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamWriteConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one JSON mapper for records on Kafka: ISO-8601 instants, unknown fields tolerated
 * for forward compatibility, and nesting limits that let whatever was read be written
 * again.
 */
public final class Json {

    /**
     * The deepest nesting a record read from Kafka may have (Jackson's default, stated
     * here because the write limit depends on it). A deeper record is unreadable:
     * consumers log, count and skip it.
     */
    public static final int MAX_READ_DEPTH = 500;

    /**
     * The deepest nesting a record may be written with: above {@link #MAX_READ_DEPTH}, so
     * anything read can be written again even wrapped in a few more levels. Equal limits
     * were the relay's crash loop: a signal nested just under the read limit, wrapped one
     * level deeper into a store record, failed to serialize, every time the record was
     * read again (docs/security.md).
     */
    public static final int MAX_WRITE_DEPTH = 2 * MAX_READ_DEPTH;

    private static final JsonMapper MAPPER = JsonMapper
        .builder(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_READ_DEPTH).build())
            .streamWriteConstraints(StreamWriteConstraints.builder().maxNestingDepth(MAX_WRITE_DEPTH).build())
            .build())
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        // signal content is opaque: 0.1 or 1e400 must come out exactly as the client sent
        // it
        .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
        .build();

    private Json() {
    }

    public static JsonMapper mapper() {
        return MAPPER;
    }

}

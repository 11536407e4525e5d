package io.signaling.audit.replay;

import io.signaling.schemas.json.Json;
import java.nio.charset.StandardCharsets;
import tools.jackson.databind.JsonNode;

/**
 * One JSON value kept as the bytes it was read from (a slice of a Kafka record's value):
 * a signal's content goes from record to output line without being parsed into a tree and
 * written back. The bytes are copied out as they are, so escapes and number spellings
 * stay as the record has them. {@link #toString()} never shows the bytes: signal content
 * must not reach a log.
 */
public final class RawJson {

    private final byte[] source;

    private final int offset;

    private final int length;

    private RawJson(byte[] source, int offset, int length) {
        this.source = source;
        this.offset = offset;
        this.length = length;
    }

    /**
     * The value at {@code source[offset, offset + length)}, which must be one complete
     * JSON value. A value spread over several lines (written by a pretty-printer) is made
     * compact, so that it stays on one output line; the platform's own records are always
     * compact.
     */
    static RawJson of(byte[] source, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            byte b = source[i];
            if (b == '\n' || b == '\r') { // in JSON text, only whitespace between tokens
                                          // can be a raw line break
                byte[] compact = Json.mapper()
                    .writeValueAsBytes(
                            Json.mapper().readTree(new String(source, offset, length, StandardCharsets.UTF_8)));
                return new RawJson(compact, 0, compact.length);
            }
        }
        return new RawJson(source, offset, length);
    }

    /** The JSON text, as it goes into an output line. */
    public String text() {
        return new String(source, offset, length, StandardCharsets.UTF_8);
    }

    /** The value parsed into a tree: for callers that look inside, not for printing. */
    public JsonNode toTree() {
        return Json.mapper().readTree(source, offset, length);
    }

    public int length() {
        return length;
    }

    @Override
    public String toString() {
        return "RawJson[" + length + " bytes]";
    }

}

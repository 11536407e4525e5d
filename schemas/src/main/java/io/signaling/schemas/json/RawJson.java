package io.signaling.schemas.json;

import java.nio.charset.StandardCharsets;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.annotation.JsonDeserialize;
import tools.jackson.databind.annotation.JsonSerialize;

/**
 * One JSON value kept as its text: a signal's content, which the platform carries but
 * never looks into. It goes from the client's frame into the record and out into the
 * recipient's frame without being built into a tree and written again at any hop
 * (docs/performance.md, issue 10's lever 3); escapes and number spellings stay as the
 * client sent them. Written as a raw value; read as a slice of the record's bytes when
 * {@link Serdes} gives the deserializer those bytes ({@link #SOURCE}), else through a
 * tree. Reading still parses every token, so the mapper's nesting limit still holds.
 * {@link #toString()} never shows the text: signal content must not reach a log.
 */
@JsonSerialize(using = RawJson.Writer.class)
@JsonDeserialize(using = RawJson.Reader.class)
public final class RawJson {

    /**
     * The per-call attribute under which {@link Serdes} hands the record's bytes to the
     * reader of its content.
     */
    static final Object SOURCE = RawJson.class;

    /** JSON {@code null}: the content of a frame that had none. */
    public static final RawJson NULL = new RawJson("null");

    private final String text;

    private RawJson(String text) {
        this.text = text;
    }

    /**
     * A value already known to be one complete JSON value: a slice of a frame the gateway
     * parsed, or of a record, just read by a parser.
     */
    public static RawJson trusted(String json) {
        return json.equals("null") ? NULL : new RawJson(json);
    }

    /** Any JSON value, checked by parsing it: for tests and tools, not the hot path. */
    public static RawJson parse(String json) {
        return of(Json.mapper().readTree(json));
    }

    /** A tree written compactly. */
    public static RawJson of(JsonNode tree) {
        return tree == null || tree.isNull() ? NULL : new RawJson(Json.mapper().writeValueAsString(tree));
    }

    /**
     * The value at {@code source[offset, offset + length)} of UTF-8 JSON text, which must
     * be one complete JSON value, exactly as it is there.
     */
    public static RawJson slice(byte[] source, int offset, int length) {
        return trusted(new String(source, offset, length, StandardCharsets.UTF_8));
    }

    /**
     * This value on one line: itself, unless a writer spread it over several (a
     * pretty-printer), which a JSON line or a text column cannot hold; then written again
     * compactly. Frames and records need no such thing.
     */
    public RawJson oneLine() {
        // in JSON text only whitespace between tokens can be a raw line break
        return text.indexOf('\n') < 0 && text.indexOf('\r') < 0 ? this : of(toTree());
    }

    /** The JSON text, as it goes into a record, a frame or a line. */
    public String text() {
        return text;
    }

    /** The value parsed into a tree: for callers that look inside, not for relaying. */
    public JsonNode toTree() {
        return Json.mapper().readTree(text);
    }

    /** The length of the text in chars. */
    public int length() {
        return text.length();
    }

    /**
     * Equal when the texts are: the same value spelled differently ({@code 1.0} and
     * {@code 1.00}, or other escapes) is not equal, because the recipient would see the
     * difference.
     */
    @Override
    public boolean equals(Object other) {
        return other instanceof RawJson raw && raw.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return "RawJson[" + text.length() + " chars]";
    }

    static final class Writer extends ValueSerializer<RawJson> {

        @Override
        public void serialize(RawJson value, JsonGenerator gen, SerializationContext context) {
            gen.writeRawValue(value.text);
        }

    }

    static final class Reader extends ValueDeserializer<RawJson> {

        @Override
        public RawJson deserialize(JsonParser p, DeserializationContext context) {
            JsonToken token = p.currentToken();
            if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
                Object source = context.getAttribute(SOURCE);
                long start = p.currentTokenLocation().getByteOffset();
                if (source instanceof byte[] bytes && start >= 0) {
                    p.skipChildren();
                    // just past the closing bracket the skip ended on
                    long end = p.currentLocation().getByteOffset();
                    return slice(bytes, (int) start, (int) (end - start));
                }
            }
            // a scalar, or a parser over other input: exact numbers, not fast
            return of(context.readTree(p));
        }

        /** JSON {@code null} is a value like any other: the sender's {@code null}. */
        @Override
        public RawJson getNullValue(DeserializationContext context) {
            return NULL;
        }

        /**
         * No content at all stays absent, so that a record reads back as it was written.
         */
        @Override
        public Object getAbsentValue(DeserializationContext context) {
            return null;
        }

    }

}

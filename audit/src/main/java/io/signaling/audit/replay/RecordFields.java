package io.signaling.audit.replay;

import io.signaling.schemas.json.Json;
import io.signaling.schemas.json.RawJson;
import java.util.Arrays;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.exc.StreamReadException;

/**
 * Reads the few top-level fields of a JSON object record that the timeline needs,
 * straight off the record's bytes with a streaming parser: no tree, no record object. The
 * field named {@code content} can be kept as {@link RawJson}; every other field not asked
 * for is skipped (but still parsed, so malformed JSON is rejected as the schema's
 * deserializer would reject it).
 *
 * <p>
 * A requested field holding a number or boolean is read as its text, as databind's
 * coercion to {@code String} would; one holding an object or array makes the record
 * unreadable.
 */
final class RecordFields {

    static final String CONTENT = "content";

    private final boolean keepContent;

    private final String[] names;

    /**
     * @param keepContent whether to keep the {@code content} field as bytes, or skip it
     * @param names the string fields to read, in the order {@link Values#get(int)}
     * indexes them
     */
    RecordFields(boolean keepContent, String... names) {
        this.keepContent = keepContent;
        this.names = names.clone();
    }

    /** What one record holds of the requested fields. */
    static final class Values {

        private final String[] values;

        private RawJson content;

        private Values(int size) {
            this.values = new String[size];
        }

        /**
         * The field at {@code index} of the names given to {@link RecordFields}, or null
         * when absent or null.
         */
        String get(int index) {
            return values[index];
        }

        /**
         * The {@code content} field's value as bytes, or null when absent. JSON
         * {@code null} is the raw value {@code null}.
         */
        RawJson content() {
            return content;
        }

        @Override
        public String toString() {
            return "Values" + Arrays.toString(values) + (content == null ? "" : " + " + content);
        }

    }

    /**
     * @throws tools.jackson.core.JacksonException when {@code json} is not one JSON
     * object, or a requested field is an object or array
     */
    Values read(byte[] json) {
        Values values = new Values(names.length);
        try (JsonParser p = Json.mapper().createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new StreamReadException(p, "expected a JSON object");
            }
            int contentStart = -1;
            JsonToken token = p.nextToken();
            while (true) {
                if (contentStart >= 0) { // the content value ended just before this token
                    values.content = RawJson.slice(json, contentStart, valueEnd(json, tokenStart(p)) - contentStart)
                        .oneLine();
                    contentStart = -1;
                }
                if (token == JsonToken.END_OBJECT) {
                    break;
                }
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if (keepContent && CONTENT.equals(name)) {
                    contentStart = tokenStart(p);
                    p.skipChildren();
                }
                else {
                    int index = indexOf(name);
                    if (index >= 0) {
                        values.values[index] = text(p, value);
                    }
                    else {
                        p.skipChildren();
                    }
                }
                token = p.nextToken();
            }
            if (p.nextToken() != null) {
                throw new StreamReadException(p, "trailing data after the JSON object");
            }
        }
        return values;
    }

    private int indexOf(String name) {
        for (int i = 0; i < names.length; i++) {
            if (names[i].equals(name)) {
                return i;
            }
        }
        return -1;
    }

    private static String text(JsonParser p, JsonToken value) {
        if (value == JsonToken.VALUE_NULL) {
            return null;
        }
        if (value.isScalarValue()) {
            return p.getString();
        }
        throw new StreamReadException(p, "expected a string for '" + p.currentName() + "', found " + value);
    }

    private static int tokenStart(JsonParser p) {
        long offset = p.currentTokenLocation().getByteOffset();
        if (offset < 0) {
            throw new IllegalStateException("the parser gives no byte offsets");
        }
        return (int) offset;
    }

    /**
     * Where the value before {@code next} (a field name or the closing brace) ends: back
     * over whitespace and its comma.
     */
    private static int valueEnd(byte[] json, int next) {
        int end = next;
        while (end > 0 && isWhitespace(json[end - 1])) {
            end--;
        }
        if (end > 0 && json[end - 1] == ',') {
            end--;
            while (end > 0 && isWhitespace(json[end - 1])) {
                end--;
            }
        }
        return end;
    }

    private static boolean isWhitespace(byte b) {
        return b == ' ' || b == '\t' || b == '\n' || b == '\r';
    }

}

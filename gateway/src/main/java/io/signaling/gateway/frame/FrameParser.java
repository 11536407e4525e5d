package io.signaling.gateway.frame;

import io.signaling.schemas.UserIds;
import io.signaling.schemas.json.RawJson;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Validates one client message (signaling-v1 §2, "Frames: client to gateway") in the
 * contract's order: size, JSON object (within the content limits), {@code id},
 * {@code to}, {@code from}. Stateless and thread-safe.
 *
 * <p>
 * The content limits ({@link ContentLimits}) are Jackson's {@link StreamReadConstraints}
 * on this parser's own mapper: nothing the gateway accepts is nested so deep, or holds a
 * number so long, that a record wrapping it later (the relay's held signal, a
 * {@code DeliveryFailed}) fails to serialize or costs more than its size to handle.
 */
public final class FrameParser {

    public static final int MAX_ID_LENGTH = 64;

    /**
     * Finds the id of a frame the real parser refused: any depth, any length the size
     * limit allows.
     */
    private static final JsonMapper PEEK_MAPPER = JsonMapper
        .builder(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(Integer.MAX_VALUE)
                .maxNumberLength(Integer.MAX_VALUE)
                .build())
            .build())
        .build();

    private final int maxMessageBytes;

    private final ContentLimits limits;

    private final JsonMapper mapper;

    public FrameParser(int maxMessageBytes) {
        this(maxMessageBytes, ContentLimits.DEFAULTS);
    }

    public FrameParser(int maxMessageBytes, ContentLimits limits) {
        this.maxMessageBytes = maxMessageBytes;
        this.limits = limits;
        this.mapper = JsonMapper
            .builder(JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(limits.maxDepth())
                    .maxNumberLength(limits.maxNumberLength())
                    .maxStringLength(Math.max(1, maxMessageBytes))
                    .maxNameLength(Math.max(1, maxMessageBytes))
                    .build())
                .build())
            .build();
    }

    public ParsedFrame parse(String text, String senderUserId) {
        if (Utf8.exceeds(text, maxMessageBytes)) {
            return new ParsedFrame.Invalid(peekId(text), ErrorCode.MESSAGE_TOO_LARGE,
                    "message is over " + maxMessageBytes + " bytes of UTF-8");
        }
        Fields fields;
        try {
            fields = Fields.read(mapper, text);
        }
        catch (StreamConstraintsException e) {
            // The message text never goes into the answer or a log: only which limit it
            // broke.
            return new ParsedFrame.Invalid(peekId(text), ErrorCode.INVALID_MESSAGE,
                    "message is nested deeper than " + limits.maxDepth() + " levels or holds a number longer than "
                            + limits.maxNumberLength() + " characters");
        }
        catch (JacksonException e) {
            return new ParsedFrame.Invalid(null, ErrorCode.INVALID_MESSAGE, "message is not JSON");
        }
        if (fields == null) {
            return new ParsedFrame.Invalid(null, ErrorCode.INVALID_MESSAGE, "message is not a JSON object");
        }
        String id = null;
        if (fields.id.present()) {
            if (!isValidId(fields.id)) {
                return new ParsedFrame.Invalid(null, ErrorCode.INVALID_MESSAGE,
                        "id must be a string of 1 to " + MAX_ID_LENGTH + " characters");
            }
            id = fields.id.string;
        }
        if (fields.to.string == null || !UserIds.isValid(fields.to.string)) {
            return new ParsedFrame.Invalid(id, ErrorCode.INVALID_MESSAGE,
                    "to must be a userId of 1 to 64 characters from A-Z a-z 0-9 . _ @ -");
        }
        if (fields.from.present() && !senderUserId.equals(fields.from.string)) {
            return new ParsedFrame.Invalid(id, ErrorCode.FROM_MISMATCH, "from must be the sender's userId");
        }
        RawJson content = fields.content == null ? RawJson.NULL : RawJson.trusted(fields.content);
        return new ParsedFrame.Valid(new ClientFrame(id, fields.to.string, content));
    }

    private static boolean isValidId(Field field) {
        if (field.string == null) {
            return false;
        }
        int length = field.string.codePointCount(0, field.string.length());
        return length >= 1 && length <= MAX_ID_LENGTH;
    }

    /**
     * A top-level field the contract checks: its string value, {@code null} when it held
     * anything else, and whether it was there and not JSON {@code null} (which counts as
     * absent, like a missing property: the original server's clients sent both).
     */
    private record Field(String string, boolean present) {

        static final Field ABSENT = new Field(null, false);

        static Field of(JsonParser parser, JsonToken value) {
            if (value == JsonToken.VALUE_NULL) {
                return ABSENT;
            }
            if (value == JsonToken.VALUE_STRING) {
                return new Field(parser.getString(), true);
            }
            parser.skipChildren();
            return new Field(null, true);
        }

    }

    /**
     * The fields of one message, read in one streaming pass: every token is parsed (so
     * malformed JSON and the content limits are caught anywhere in it), but no tree is
     * built; {@code content} is kept as the very text the client sent. A repeated field
     * counts by its last value, as in a tree.
     */
    private static final class Fields {

        private Field id = Field.ABSENT;

        private Field to = Field.ABSENT;

        private Field from = Field.ABSENT;

        private String content;

        /** {@code null} when the text is JSON but not one object. */
        static Fields read(JsonMapper mapper, String text) {
            try (JsonParser parser = mapper.createParser(text)) {
                JsonToken token = parser.nextToken();
                if (token != JsonToken.START_OBJECT) {
                    if (token != null) {
                        parser.skipChildren();
                        if (parser.nextToken() != null) {
                            throw new StreamReadException(parser, "trailing tokens");
                        }
                    }
                    return null;
                }
                Fields fields = new Fields();
                int contentStart = -1;
                token = parser.nextToken();
                while (true) {
                    if (contentStart >= 0) {
                        // the content ended just before this token: back over the comma
                        // and whitespace
                        fields.content = text.substring(contentStart,
                                valueEnd(text, (int) parser.currentTokenLocation().getCharOffset()));
                        contentStart = -1;
                    }
                    if (token == JsonToken.END_OBJECT) {
                        break;
                    }
                    String name = parser.currentName();
                    JsonToken value = parser.nextToken();
                    switch (name) {
                        case "id" -> fields.id = Field.of(parser, value);
                        case "to" -> fields.to = Field.of(parser, value);
                        case "from" -> fields.from = Field.of(parser, value);
                        case "content" -> {
                            contentStart = (int) parser.currentTokenLocation().getCharOffset();
                            parser.skipChildren();
                        }
                        default -> parser.skipChildren();
                    }
                    token = parser.nextToken();
                }
                if (parser.nextToken() != null) {
                    throw new StreamReadException(parser, "trailing tokens");
                }
                return fields;
            }
        }

        private static int valueEnd(String text, int next) {
            int end = next;
            while (end > 0 && isWhitespace(text.charAt(end - 1))) {
                end--;
            }
            if (end > 0 && text.charAt(end - 1) == ',') {
                end--;
                while (end > 0 && isWhitespace(text.charAt(end - 1))) {
                    end--;
                }
            }
            return end;
        }

        private static boolean isWhitespace(char c) {
            return c == ' ' || c == '\t' || c == '\n' || c == '\r';
        }

    }

    /**
     * The top-level {@code id} of a message that is not parsed whole (oversized, over the
     * content limits, rate-limited), found by streaming without building a tree (nested
     * values are skipped); {@code null} when it is not there or not readable.
     */
    public static String peekId(String text) {
        try (JsonParser parser = PEEK_MAPPER.createParser(text)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("id".equals(name)) {
                    if (value != JsonToken.VALUE_STRING) {
                        return null;
                    }
                    String id = parser.getString();
                    int length = id.codePointCount(0, id.length());
                    return length >= 1 && length <= MAX_ID_LENGTH ? id : null;
                }
                parser.skipChildren();
            }
            return null;
        }
        catch (JacksonException e) {
            return null;
        }
    }

}

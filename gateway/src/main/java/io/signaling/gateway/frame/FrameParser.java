package io.signaling.gateway.frame;

import io.signaling.schemas.UserIds;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.NullNode;

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
        // Trailing tokens ("{...} garbage") are not one JSON object; big decimals keep
        // numbers in content exact.
        this.mapper = JsonMapper
            .builder(JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(limits.maxDepth())
                    .maxNumberLength(limits.maxNumberLength())
                    .maxStringLength(Math.max(1, maxMessageBytes))
                    .maxNameLength(Math.max(1, maxMessageBytes))
                    .build())
                .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();
    }

    public ParsedFrame parse(String text, String senderUserId) {
        if (Utf8.exceeds(text, maxMessageBytes)) {
            return new ParsedFrame.Invalid(peekId(text), ErrorCode.MESSAGE_TOO_LARGE,
                    "message is over " + maxMessageBytes + " bytes of UTF-8");
        }
        JsonNode node;
        try {
            node = mapper.readTree(text);
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
        if (node == null || !node.isObject()) {
            return new ParsedFrame.Invalid(null, ErrorCode.INVALID_MESSAGE, "message is not a JSON object");
        }
        JsonNode idNode = node.get("id");
        String id = null;
        if (isPresent(idNode)) {
            if (!isValidId(idNode)) {
                return new ParsedFrame.Invalid(null, ErrorCode.INVALID_MESSAGE,
                        "id must be a string of 1 to " + MAX_ID_LENGTH + " characters");
            }
            id = idNode.stringValue();
        }
        JsonNode to = node.get("to");
        if (to == null || !to.isString() || !UserIds.isValid(to.stringValue())) {
            return new ParsedFrame.Invalid(id, ErrorCode.INVALID_MESSAGE,
                    "to must be a userId of 1 to 64 characters from A-Z a-z 0-9 . _ @ -");
        }
        JsonNode from = node.get("from");
        if (isPresent(from) && !(from.isString() && from.stringValue().equals(senderUserId))) {
            return new ParsedFrame.Invalid(id, ErrorCode.FROM_MISMATCH, "from must be the sender's userId");
        }
        JsonNode content = node.get("content");
        return new ParsedFrame.Valid(
                new ClientFrame(id, to.stringValue(), content == null ? NullNode.getInstance() : content));
    }

    /**
     * JSON {@code null} counts as absent, like a missing property: the original server's
     * clients sent both.
     */
    private static boolean isPresent(JsonNode node) {
        return node != null && !node.isNull();
    }

    private static boolean isValidId(JsonNode node) {
        if (!node.isString()) {
            return false;
        }
        String id = node.stringValue();
        int length = id.codePointCount(0, id.length());
        return length >= 1 && length <= MAX_ID_LENGTH;
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

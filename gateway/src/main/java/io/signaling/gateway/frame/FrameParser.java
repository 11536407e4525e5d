package io.signaling.gateway.frame;

import io.signaling.schemas.UserIds;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.NullNode;

/**
 * Validates one client message (signaling-v1 §2, "Frames: client to gateway") in the contract's
 * order: size, JSON object, {@code id}, {@code to}, {@code from}. The rate limit comes after,
 * in {@code SignalIntake}, so that a bad frame never costs a token. Stateless and thread-safe.
 */
public final class FrameParser {

    public static final int MAX_ID_LENGTH = 64;

    // Trailing tokens ("{...} garbage") are not one JSON object; big decimals keep numbers in content exact.
    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private final int maxMessageBytes;

    public FrameParser(int maxMessageBytes) {
        this.maxMessageBytes = maxMessageBytes;
    }

    public ParsedFrame parse(String text, String senderUserId) {
        if (Utf8.exceeds(text, maxMessageBytes)) {
            return new ParsedFrame.Invalid(peekId(text), ErrorCode.MESSAGE_TOO_LARGE,
                    "message is over " + maxMessageBytes + " bytes of UTF-8");
        }
        JsonNode node;
        try {
            node = MAPPER.readTree(text);
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
        return new ParsedFrame.Valid(new ClientFrame(id, to.stringValue(), content == null ? NullNode.getInstance() : content));
    }

    /** JSON {@code null} counts as absent, like a missing property: the original server's clients sent both. */
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
     * The top-level {@code id} of an oversized message, found by streaming without building a
     * tree (nested values are skipped); {@code null} when it is not there or not readable.
     */
    static String peekId(String text) {
        try (JsonParser parser = MAPPER.createParser(text)) {
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

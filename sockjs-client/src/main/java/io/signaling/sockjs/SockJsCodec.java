package io.signaling.sockjs;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.io.JsonStringEncoder;
import tools.jackson.databind.json.JsonMapper;

/**
 * SockJS framing of the raw websocket transport, both ways. The client sends a JSON array
 * of strings (several messages may share one websocket frame); the server answers with
 * the frames of {@link SockJsFrame}. Stateless and thread-safe.
 */
public final class SockJsCodec {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    /**
     * Bare streaming parsers: no data-binding context per frame (the tool reads thousands
     * a second).
     */
    private static final JsonFactory FACTORY = new JsonFactory();

    private static final SockJsFrame.Open OPEN = new SockJsFrame.Open();

    private static final SockJsFrame.Heartbeat HEARTBEAT = new SockJsFrame.Heartbeat();

    private SockJsCodec() {
    }

    /**
     * One client websocket frame carrying {@code messages} in order: {@code ["m1","m2"]}.
     */
    public static String encode(List<String> messages) {
        int size = 2;
        for (String m : messages) {
            size += m.length() + 16;
        }
        StringBuilder out = new StringBuilder(size).append('[');
        JsonStringEncoder encoder = JsonStringEncoder.getInstance();
        for (int i = 0; i < messages.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append('"');
            encoder.quoteAsString(messages.get(i), out);
            out.append('"');
        }
        return out.append(']').toString();
    }

    /**
     * @throws IllegalArgumentException when {@code frame} is not a SockJS server frame
     */
    public static SockJsFrame decode(String frame) {
        if (frame == null || frame.isEmpty()) {
            throw new IllegalArgumentException("empty SockJS frame");
        }
        char kind = frame.charAt(0);
        if (kind == 'o' && frame.length() == 1) {
            return OPEN;
        }
        if (kind == 'h' && frame.length() == 1) {
            return HEARTBEAT;
        }
        try {
            if (kind == 'a') {
                return new SockJsFrame.Messages(strings(frame.substring(1)));
            }
            if (kind == 'm') {
                // the single-message frame of old SockJS servers: m"text"
                return new SockJsFrame.Messages(List.of(MAPPER.readValue(frame.substring(1), String.class)));
            }
            if (kind == 'c') {
                return close(frame.substring(1));
            }
        }
        catch (JacksonException e) {
            throw new IllegalArgumentException("malformed SockJS '" + kind + "' frame: " + e.getOriginalMessage());
        }
        throw new IllegalArgumentException("not a SockJS frame (starts with '" + kind + "')");
    }

    private static List<String> strings(String array) {
        List<String> messages = new ArrayList<>();
        try (JsonParser parser = FACTORY.createParser(ObjectReadContext.empty(), array)) {
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                throw new IllegalArgumentException("SockJS 'a' frame is not an array");
            }
            JsonToken token;
            while ((token = parser.nextToken()) == JsonToken.VALUE_STRING) {
                messages.add(parser.getString());
            }
            if (token != JsonToken.END_ARRAY || parser.nextToken() != null) {
                throw new IllegalArgumentException("SockJS 'a' frame holds something other than strings");
            }
        }
        return messages;
    }

    private static SockJsFrame.Close close(String array) {
        try (JsonParser parser = FACTORY.createParser(ObjectReadContext.empty(), array)) {
            if (parser.nextToken() != JsonToken.START_ARRAY || parser.nextToken() != JsonToken.VALUE_NUMBER_INT) {
                throw new IllegalArgumentException("SockJS 'c' frame is not [code,\"reason\"]");
            }
            int code = parser.getIntValue();
            JsonToken next = parser.nextToken();
            String reason = next == JsonToken.VALUE_STRING ? parser.getString() : "";
            return new SockJsFrame.Close(code, reason);
        }
    }

}

package io.signaling.gateway.frame;

/**
 * The few facts about SockJS's websocket frames ({@code ["message", …]}, each message a
 * JSON string) the gateway needs to answer an oversized message without holding all of
 * it.
 */
public final class SockJsFrames {

    /**
     * A JSON string escapes a char as at most six ({@code \u0001}); the brackets and
     * quotes are four more.
     */
    private static final int MAX_ESCAPE_FACTOR = 6;

    private static final int FRAMING = 16;

    private SockJsFrames() {
    }

    /**
     * How many chars of a frame to keep: a frame longer than this holds a message of more
     * than {@code maxMessageBytes} (a char is at least one byte and at most six chars
     * escaped), and the first message of a frame cut here still unescapes to more than
     * {@code maxMessageBytes} chars.
     */
    public static int frameLimit(int maxMessageBytes) {
        return MAX_ESCAPE_FACTOR * (maxMessageBytes + 1) + FRAMING;
    }

    /**
     * The start of the first message of a frame that was cut off, unescaped as far as the
     * cut allows; {@code null} when the text does not start like a SockJS frame.
     */
    public static String firstMessageHead(String frame) {
        int i = skipSpaces(frame, 0);
        if (i >= frame.length() || frame.charAt(i) != '[') {
            return null;
        }
        i = skipSpaces(frame, i + 1);
        if (i >= frame.length() || frame.charAt(i) != '"') {
            return null;
        }
        StringBuilder message = new StringBuilder(frame.length());
        for (i++; i < frame.length(); i++) {
            char c = frame.charAt(i);
            if (c == '"') {
                break;
            }
            if (c != '\\') {
                message.append(c);
                continue;
            }
            if (i + 1 >= frame.length()) {
                break; // cut inside an escape
            }
            char escaped = frame.charAt(++i);
            int unicode = escaped == 'u' ? hex4(frame, i + 1) : -1;
            if (escaped == 'u' && unicode < 0) {
                break; // cut inside (or a broken) \\uXXXX
            }
            char decoded = switch (escaped) {
                case '"', '\\', '/' -> escaped;
                case 'b' -> '\b';
                case 'f' -> '\f';
                case 'n' -> '\n';
                case 'r' -> '\r';
                case 't' -> '\t';
                case 'u' -> (char) unicode;
                default -> 0;
            };
            if (escaped != 'u' && decoded == 0) {
                break; // not JSON: keep what was read
            }
            message.append(decoded);
            if (escaped == 'u') {
                i += 4;
            }
        }
        return message.toString();
    }

    private static int skipSpaces(String text, int from) {
        int i = from;
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        return i;
    }

    private static int hex4(String text, int from) {
        if (from + 4 > text.length()) {
            return -1;
        }
        int value = 0;
        for (int i = from; i < from + 4; i++) {
            int digit = Character.digit(text.charAt(i), 16);
            if (digit < 0) {
                return -1;
            }
            value = value * 16 + digit;
        }
        return value;
    }

}

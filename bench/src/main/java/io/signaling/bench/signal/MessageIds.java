package io.signaling.bench.signal;

/**
 * Client message ids that carry what the ack needs: {@code <prefix><seq>.<sentMicros>},
 * e.g. {@code r42.1712345678901234}. An {@code ack} or {@code error} echoes the id, so
 * the tool knows the stream position and the send time without keeping a table of
 * messages in flight.
 */
public final class MessageIds {

    private MessageIds() {
    }

    public static String of(char prefix, long seq, long sentMicros) {
        return new StringBuilder(24).append(prefix).append(seq).append('.').append(sentMicros).toString();
    }

    /** The sequence number in {@code id}, or -1 when it is not one of ours. */
    public static long seq(String id) {
        int dot = id == null ? -1 : id.indexOf('.');
        return dot < 2 ? -1 : parse(id, 1, dot);
    }

    /** The send time in {@code id}, or -1 when it is not one of ours. */
    public static long sentMicros(String id) {
        int dot = id == null ? -1 : id.indexOf('.');
        return dot < 2 ? -1 : parse(id, dot + 1, id.length());
    }

    private static long parse(String s, int from, int to) {
        if (from >= to || to - from > 18) {
            return -1;
        }
        long v = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

}

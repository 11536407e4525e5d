package io.signaling.sockjs;

import java.util.List;

/**
 * One frame the SockJS server sends over the raw websocket transport: {@code o} (open),
 * {@code h} (heartbeat), {@code a[...]} (messages, each a JSON string) or
 * {@code c[code,"reason"]} (close).
 */
public sealed interface SockJsFrame
        permits SockJsFrame.Open, SockJsFrame.Heartbeat, SockJsFrame.Messages, SockJsFrame.Close {

    record Open() implements SockJsFrame {
    }

    record Heartbeat() implements SockJsFrame {
    }

    /**
     * {@code a["m1","m2"]}: each element is one application message (for us, one gateway
     * frame as JSON text).
     */
    record Messages(List<String> messages) implements SockJsFrame {

        public Messages {
            messages = List.copyOf(messages);
        }
    }

    /** {@code c[4001,"session-ended"]}: the server is about to close the socket. */
    record Close(int code, String reason) implements SockJsFrame {
    }

}

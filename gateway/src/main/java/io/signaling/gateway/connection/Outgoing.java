package io.signaling.gateway.connection;

import io.signaling.schemas.delivery.SignalDelivery;
import org.springframework.web.socket.CloseStatus;

/** What a connection's {@link Outbox} holds, in the order the client is to see it. */
sealed interface Outgoing {

    /** Chars counted against the queue's limit. */
    int size();

    /**
     * A frame of JSON text; {@code signal} is set for a delivery, so its loss can be
     * answered to its sender.
     */
    record Frame(String text, SignalDelivery signal) implements Outgoing {

        @Override
        public int size() {
            return text.length();
        }
    }

    /**
     * A WebSocket ping whose pong confirms that everything written before it reached the
     * client.
     */
    record Ping(long sequence) implements Outgoing {

        @Override
        public int size() {
            return 0;
        }
    }

    /**
     * A SockJS heartbeat frame ({@code h}) on the SockJS websocket transport, when
     * nothing else was written for a while.
     */
    record Heartbeat() implements Outgoing {

        @Override
        public int size() {
            return 0;
        }
    }

    /** Closes the connection after what was queued before it. */
    record Close(CloseStatus status) implements Outgoing {

        @Override
        public int size() {
            return 0;
        }
    }

}

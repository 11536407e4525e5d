package io.signaling.gateway.connection;

import java.io.IOException;
import org.springframework.web.socket.CloseStatus;

/** The socket side of an {@link Outbox}: only its writer calls it, one call at a time (except {@link #abort}). */
interface Transport {

    /** Whether the client answers WebSocket pings (the websocket transports). */
    boolean pings();

    /** Whether the outbox writes this connection's SockJS heartbeats (instead of Spring's shared scheduler). */
    boolean heartbeats();

    boolean isOpen();

    /**
     * Whether a frame written now reaches the client's socket. False for a streaming HTTP transport
     * between two requests (its stream recycled): SockJS would keep the frame in a cache of its own,
     * lost unreported if the client never comes back, so the outbox keeps it instead.
     */
    boolean ready();

    void write(String frame) throws IOException;

    void ping(long sequence) throws IOException;

    void heartbeat() throws IOException;

    void close(CloseStatus status) throws IOException;

    /** Closes the socket under a write that does not return; called from another thread. */
    void abort(CloseStatus status);
}

package io.signaling.gateway.connection;

import java.io.IOException;
import java.util.List;
import org.springframework.web.socket.CloseStatus;

/**
 * The socket side of an {@link Outbox}: only its writer calls it, one call at a time
 * (except {@link #abort}).
 */
interface Transport {

    /** Whether the client answers WebSocket pings (the websocket transports). */
    boolean pings();

    /**
     * Whether the outbox writes this connection's SockJS heartbeats (instead of Spring's
     * shared scheduler).
     */
    boolean heartbeats();

    boolean isOpen();

    /**
     * Whether a frame written now reaches the client's socket. False for an HTTP
     * transport between two requests (a poll answered, a stream recycled): SockJS would
     * keep the frame in a cache of its own, lost unreported if the client never comes
     * back, so the outbox keeps it instead.
     */
    boolean ready();

    /**
     * Whether the client's next request confirms what it was sent (the HTTP transports:
     * {@link Requests}).
     */
    boolean confirmsByRequests();

    /**
     * Whether {@link #writeAll} puts many frames in one response (xhr-polling), so the
     * outbox hands over batches.
     */
    boolean batches();

    void write(String frame) throws IOException;

    /**
     * Writes {@code frames} (at least one) in one go where the transport can; by default
     * one by one. True only when they surely went into the response open at the time
     * (xhr-polling: not left in SockJS's cache for the next poll), so the client's next
     * request confirms them.
     */
    default boolean writeAll(List<String> frames) throws IOException {
        for (String frame : frames) {
            write(frame);
        }
        return false;
    }

    void ping(long sequence) throws IOException;

    void heartbeat() throws IOException;

    void close(CloseStatus status) throws IOException;

    /**
     * Closes the socket under a write that does not return; called from another thread.
     */
    void abort(CloseStatus status);

}

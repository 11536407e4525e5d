package io.signaling.gateway.connection;

import io.signaling.gateway.handshake.BatchingPollingSession;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.adapter.NativeWebSocketSession;
import org.springframework.web.socket.sockjs.frame.SockJsFrame;
import org.springframework.web.socket.sockjs.transport.session.AbstractHttpSockJsSession;
import org.springframework.web.socket.sockjs.transport.session.WebSocketServerSockJsSession;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;

/**
 * Writes to one client's socket; only its {@link Outbox}'s writer calls it, one call at a
 * time. Writes block, bounded: on the websocket transports (SockJS and raw) by Tomcat's
 * per-session blocking send timeout, set here to {@code send-time-limit} (on expiry
 * Tomcat closes the socket); on the HTTP transports by the connector's write timeout
 * ({@code server.tomcat.connection-timeout}).
 *
 * <p>
 * On the SockJS websocket transport, Spring's heartbeats are turned off and the outbox
 * writes them instead: Spring writes them from its shared SockJS scheduler, where a write
 * blocked on a client that stopped reading would hold a thread every connection's
 * heartbeats need.
 */
final class SessionTransport implements Transport {

    static final String BLOCKING_SEND_TIMEOUT = "org.apache.tomcat.websocket.BLOCKING_SEND_TIMEOUT";

    private final WebSocketSession session;

    private final Session websocket; // null on the HTTP transports: no ping frames there

    private final boolean heartbeats;

    SessionTransport(WebSocketSession session, Duration writeTimeout) {
        this.session = session;
        this.websocket = session instanceof NativeWebSocketSession nativeSession
                ? nativeSession.getNativeSession(Session.class) : null;
        if (websocket != null) {
            websocket.getUserProperties().put(BLOCKING_SEND_TIMEOUT, writeTimeout.toMillis());
        }
        this.heartbeats = session instanceof WebSocketServerSockJsSession && websocket != null;
        if (heartbeats) {
            ((WebSocketServerSockJsSession) session).disableHeartbeat();
        }
    }

    /**
     * An HTTP transport between two requests is not ready: a streaming one
     * (xhr-streaming, eventsource, htmlfile) whose response was recycled after
     * {@code streamBytesLimit}, a polling one between an answered poll and the next
     * ({@link BatchingPollingSession} then answers the next poll with everything that
     * waited).
     */
    @Override
    public boolean ready() {
        return !(session instanceof AbstractHttpSockJsSession http) || http.isActive();
    }

    @Override
    public boolean confirmsByRequests() {
        return session instanceof AbstractHttpSockJsSession;
    }

    @Override
    public boolean batches() {
        return session instanceof BatchingPollingSession;
    }

    @Override
    public boolean writeAll(List<String> frames) throws IOException {
        if (session instanceof BatchingPollingSession polling) {
            return polling.sendAll(frames);
        }
        return Transport.super.writeAll(frames);
    }

    @Override
    public boolean heartbeats() {
        return heartbeats;
    }

    @Override
    public void heartbeat() throws IOException {
        // Only this connection's writer writes to its socket (Spring writes through it),
        // so this cannot interleave.
        websocket.getBasicRemote().sendText(SockJsFrame.heartbeatFrame().getContent());
    }

    /** Whether the client answers WebSocket pings (the websocket transports). */
    @Override
    public boolean pings() {
        return websocket != null;
    }

    @Override
    public boolean isOpen() {
        return session.isOpen();
    }

    @Override
    public void write(String frame) throws IOException {
        session.sendMessage(new TextMessage(frame));
    }

    @Override
    public void ping(long sequence) throws IOException {
        websocket.getBasicRemote().sendPing(ByteBuffer.allocate(Long.BYTES).putLong(0, sequence));
    }

    /**
     * Closes the way the transport does: on SockJS, a {@code c[code,"reason"]} frame
     * first.
     */
    @Override
    public void close(CloseStatus status) throws IOException {
        session.close(status);
    }

    /**
     * Closes the socket under a write that does not return: Tomcat gives the close frame
     * of an abnormal close a few tens of milliseconds, then closes the socket, which
     * fails the stuck write. The HTTP transports have no such way; their write fails at
     * the connector's timeout.
     */
    @Override
    public void abort(CloseStatus status) {
        if (websocket == null) {
            return;
        }
        try {
            websocket.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(status.getCode()), status.getReason()));
        }
        catch (IOException | RuntimeException e) {
            // the socket is closed either way
        }
    }

}

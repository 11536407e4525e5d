package io.signaling.gateway.connection;

import io.signaling.gateway.frame.MessageAssembler;
import io.signaling.gateway.frame.SockJsFrames;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.PongMessage;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.server.support.DefaultHandshakeHandler;
import org.springframework.web.socket.sockjs.SockJsException;
import org.springframework.web.socket.sockjs.SockJsTransportFailureException;
import org.springframework.web.socket.sockjs.transport.SockJsServiceConfig;
import org.springframework.web.socket.sockjs.transport.SockJsSession;
import org.springframework.web.socket.sockjs.transport.handler.SockJsWebSocketHandler;
import org.springframework.web.socket.sockjs.transport.handler.WebSocketTransportHandler;
import org.springframework.web.socket.sockjs.transport.session.WebSocketServerSockJsSession;

/**
 * SockJS's websocket transport, changed in two respects: it takes a message from the
 * container in parts ({@link MessageAssembler}), so the container's per-connection buffer
 * can stay small and a frame of any size reaches {@link SignalingSocketHandler} to be
 * answered {@code message-too-large} instead of the container closing the socket; and it
 * passes the client's pongs on to the handler (Spring's SockJS handler drops them), which
 * is how a vanished client is noticed. (The raw websocket endpoint, which this transport
 * also serves, gets its parts joined by {@link SignalingSocketHandler} itself.)
 */
public final class AssemblingWebSocketTransport extends WebSocketTransportHandler {

    private final int frameLimit;

    public AssemblingWebSocketTransport(int maxMessageBytes) {
        super(new DefaultHandshakeHandler());
        this.frameLimit = SockJsFrames.frameLimit(maxMessageBytes);
    }

    @Override
    public void handleRequest(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
            SockJsSession session) throws SockJsException {
        WebSocketServerSockJsSession sockJsSession = (WebSocketServerSockJsSession) session;
        try {
            getHandshakeHandler().doHandshake(request, response,
                    new Assembling(getServiceConfig(), handler, sockJsSession, new MessageAssembler(frameLimit)),
                    sockJsSession.getAttributes());
        }
        catch (RuntimeException e) {
            sockJsSession.tryCloseWithSockJsTransportError(e, CloseStatus.SERVER_ERROR);
            throw new SockJsTransportFailureException("WebSocket handshake failure", session.getId(), e);
        }
    }

    /** One per connection, like Spring's {@link SockJsWebSocketHandler} it extends. */
    private static final class Assembling extends SockJsWebSocketHandler {

        private final WebSocketHandler handler;

        private final WebSocketServerSockJsSession sockJsSession;

        private final MessageAssembler frames;

        Assembling(SockJsServiceConfig config, WebSocketHandler handler, WebSocketServerSockJsSession sockJsSession,
                MessageAssembler frames) {
            super(config, handler, sockJsSession);
            this.handler = handler;
            this.sockJsSession = sockJsSession;
            this.frames = frames;
        }

        @Override
        protected void handlePongMessage(WebSocketSession session, PongMessage message) throws Exception {
            handler.handleMessage(sockJsSession, message);
        }

        @Override
        public boolean supportsPartialMessages() {
            return true;
        }

        @Override
        public void handleTextMessage(WebSocketSession session, TextMessage part) throws Exception {
            String frame = frames.append(part.getPayload(), part.isLast());
            if (frame == null) {
                return;
            }
            String head = frames.truncated() ? SockJsFrames.firstMessageHead(frame) : null;
            if (head != null) {
                // Longer than any allowed message, by construction of the limit: the
                // handler answers
                // message-too-large (with the id, when the head holds it) and the
                // connection stays.
                sockJsSession.delegateMessages(head);
                return;
            }
            // Whole, or cut but not SockJS at all: Spring decodes it (and closes on bad
            // SockJS framing, as ever).
            super.handleTextMessage(session, new TextMessage(frame));
        }

    }

}

package io.signaling.gateway.handshake;

import io.signaling.gateway.frame.CloseCodes;
import io.signaling.gateway.frame.CloseCodes.Refusal;
import java.io.IOException;
import java.util.Map;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.sockjs.transport.TransportHandler;
import org.springframework.web.socket.sockjs.transport.handler.EventSourceTransportHandler;
import org.springframework.web.socket.sockjs.transport.handler.HtmlFileTransportHandler;
import org.springframework.web.socket.sockjs.transport.handler.XhrPollingTransportHandler;
import org.springframework.web.socket.sockjs.transport.handler.XhrStreamingTransportHandler;
import org.springframework.web.socket.sockjs.transport.session.AbstractHttpSockJsSession;
import org.springframework.web.socket.sockjs.transport.session.PollingSockJsSession;

/**
 * Spring's HTTP sending transports, changed in one respect: a session marked refused
 * (attribute {@link HandshakeAttributes#REFUSAL}) is closed with 4403 once its open frame
 * is out and a request is there to carry the close frame. Closing it earlier, from the
 * handler, would send {@code c[4403,…]} without the {@code o} before it, which SockJS
 * clients that wait for the open frame (Spring's among them) never report. Streaming
 * transports close right after {@code o}; xhr-polling on the client's next poll. Every
 * request of an admitted session also tells its connection that it begins
 * ({@link HandshakeAttributes#REQUEST}) and that frames can be written again
 * ({@link HandshakeAttributes#RESUME}); xhr-polling sessions are
 * {@link BatchingPollingSession}s.
 */
public final class RefusingTransports {

    private RefusingTransports() {
    }

    /** Overrides for every HTTP transport that sends frames (xhr_send only receives). */
    public static TransportHandler[] overrides() {
        return new TransportHandler[] { new XhrPolling(), new XhrStreaming(), new EventSource(), new HtmlFile() };
    }

    /**
     * Whether a refused {@code session} is closed by these transports, not by its
     * handler.
     */
    public static boolean closesAfterOpen(WebSocketSession session) {
        return session instanceof AbstractHttpSockJsSession;
    }

    /**
     * Not for a request made while another is open: SockJS answers it {@code c[2010]}, it
     * proves nothing.
     */
    static void beforeRequest(AbstractHttpSockJsSession session) {
        if (!session.isActive() && session.getAttributes().get(HandshakeAttributes.REQUEST) instanceof Runnable begun) {
            begun.run();
        }
    }

    static void afterRequest(AbstractHttpSockJsSession session) {
        closeIfRefused(session);
        if (session.getAttributes().get(HandshakeAttributes.RESUME) instanceof Runnable resume) {
            resume.run();
        }
    }

    static void closeIfRefused(AbstractHttpSockJsSession session) {
        if (session.getAttributes().get(HandshakeAttributes.REFUSAL) instanceof Refusal refusal && session.isOpen()
                && session.isActive()) {
            try {
                session.close(CloseCodes.refused(refusal));
            }
            catch (IOException e) {
                // the client went away: nothing was reported for this session, nothing is
                // now
            }
        }
    }

    private static final class XhrPolling extends XhrPollingTransportHandler {

        @Override
        public PollingSockJsSession createSession(String id, WebSocketHandler handler, Map<String, Object> attributes) {
            return new BatchingPollingSession(id, getServiceConfig(), handler, attributes);
        }

        @Override
        protected void handleRequestInternal(ServerHttpRequest request, ServerHttpResponse response,
                AbstractHttpSockJsSession session) {
            beforeRequest(session);
            super.handleRequestInternal(request, response, session);
            afterRequest(session);
        }

    }

    private static final class XhrStreaming extends XhrStreamingTransportHandler {

        @Override
        protected void handleRequestInternal(ServerHttpRequest request, ServerHttpResponse response,
                AbstractHttpSockJsSession session) {
            beforeRequest(session);
            super.handleRequestInternal(request, response, session);
            afterRequest(session);
        }

    }

    private static final class EventSource extends EventSourceTransportHandler {

        @Override
        protected void handleRequestInternal(ServerHttpRequest request, ServerHttpResponse response,
                AbstractHttpSockJsSession session) {
            beforeRequest(session);
            super.handleRequestInternal(request, response, session);
            afterRequest(session);
        }

    }

    private static final class HtmlFile extends HtmlFileTransportHandler {

        @Override
        public void handleRequestInternal(ServerHttpRequest request, ServerHttpResponse response,
                AbstractHttpSockJsSession session) {
            beforeRequest(session);
            super.handleRequestInternal(request, response, session);
            afterRequest(session);
        }

    }

}

package io.signaling.system;

import io.signaling.sockjs.peer.Inbox;
import io.signaling.sockjs.peer.Inbox.Arrival;
import io.signaling.sockjs.peer.SockJsPeer;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketHttpHeaders;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.client.standard.StandardWebSocketClient;
import org.springframework.web.socket.handler.TextWebSocketHandler;
import org.springframework.web.socket.sockjs.client.RestTemplateXhrTransport;
import org.springframework.web.socket.sockjs.client.SockJsClient;
import org.springframework.web.socket.sockjs.client.Transport;
import org.springframework.web.socket.sockjs.client.WebSocketTransport;
import tools.jackson.databind.JsonNode;

/**
 * A real SockJS client of one session: records every frame the gateway sends (with when
 * it arrived), and how the connection closed. The recording and the transports we speak
 * ourselves are the shared test client's ({@code sockjs-client}: {@link SockJsPeer},
 * {@link Inbox}); this adapts it to the tests' API and adds the transports only Spring's
 * {@link SockJsClient} speaks here.
 */
final class SignalingClient extends TextWebSocketHandler implements AutoCloseable {

    /**
     * {@code WEBSOCKET}, {@code XHR} (xhr-streaming) and {@code XHR_POLLING} go through
     * Spring's {@link SockJsClient} (an {@code /info} request first: the transport
     * negotiation a browser does); {@code EVENTSOURCE}, {@code HTMLFILE} and
     * {@code RAW_WEBSOCKET} (which opens {@code <address>/<server>/<session>/websocket}
     * directly and speaks SockJS framing itself, as browsers' SockJS does once it picked
     * websocket: cheap enough for hundreds of clients in one test) through the shared
     * {@link SockJsPeer}.
     */
    enum Via {

        WEBSOCKET, XHR, XHR_POLLING, EVENTSOURCE, HTMLFILE, RAW_WEBSOCKET;

        /**
         * An HTTP transport: messages go out as {@code xhr_send} requests, bodies over 1
         * MiB refused.
         */
        boolean http() {
            return this != WEBSOCKET && this != RAW_WEBSOCKET;
        }

        /** The shared client's transport, or null for the ones Spring's client speaks. */
        SockJsPeer.Transport shared() {
            return switch (this) {
                case RAW_WEBSOCKET -> SockJsPeer.Transport.WEBSOCKET;
                case EVENTSOURCE -> SockJsPeer.Transport.EVENTSOURCE;
                case HTMLFILE -> SockJsPeer.Transport.HTMLFILE;
                default -> null;
            };
        }

    }

    /**
     * Like a browser, accept frames far larger than Tomcat's 8 KiB client default (a 64
     * KiB signal plus framing).
     */
    private static final jakarta.websocket.WebSocketContainer CONTAINER = container();

    private static jakarta.websocket.WebSocketContainer container() {
        jakarta.websocket.WebSocketContainer container = jakarta.websocket.ContainerProvider.getWebSocketContainer();
        container.setDefaultMaxTextMessageBufferSize(1024 * 1024);
        return container;
    }

    private final Inbox inbox;

    private final SockJsPeer peer;

    private volatile WebSocketSession session;

    private SignalingClient(SockJsPeer peer) {
        this.peer = peer;
        this.inbox = peer == null ? new Inbox() : peer.inbox();
    }

    static SignalingClient open(SessionApi.Session s, Via via) {
        SignalingClient client = connect(s.listeningAddress(), s.userId(), s.listeningKey(), via);
        client.inbox.awaitOpen(Duration.ofSeconds(10));
        return client;
    }

    /** Starts a connection attempt without waiting for it to open (it may be refused). */
    static SignalingClient connect(String address, String userId, String key, Via via) {
        if (via.shared() != null) {
            return new SignalingClient(SockJsPeer.connect(address, userId, key, via.shared()));
        }
        SignalingClient client = new SignalingClient(null);
        List<Transport> transports = new ArrayList<>();
        if (via == Via.WEBSOCKET) {
            transports.add(new WebSocketTransport(new StandardWebSocketClient(CONTAINER)));
        }
        else {
            RestTemplateXhrTransport xhr = new RestTemplateXhrTransport();
            xhr.setXhrStreamingDisabled(via == Via.XHR_POLLING);
            transports.add(xhr);
        }
        SockJsClient sockJs = new SockJsClient(transports);
        URI uri = URI.create(address + "?userId=" + userId + "&token=" + key);
        sockJs.execute(client, new WebSocketHttpHeaders(), uri).whenComplete((session, error) -> {
            if (error != null) {
                client.inbox.closed(CloseStatus.SERVER_ERROR.getCode(), error.getMessage());
            }
        });
        return client;
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession session) {
        this.session = session;
        inbox.opened();
    }

    @Override
    protected void handleTextMessage(WebSocketSession session, TextMessage message) {
        inbox.message(message.getPayload());
    }

    @Override
    public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
        inbox.closed(status.getCode(), status.getReason());
    }

    void sendRaw(String text) {
        if (peer != null) {
            peer.sendMessage(text);
            return;
        }
        try {
            synchronized (this) {
                session.sendMessage(new TextMessage(text));
            }
        }
        catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * Several messages in one SockJS frame (raw websocket and the HTTP streams):
     * {@code ["m1","m2",…]}.
     */
    void sendFrame(List<String> messages) {
        if (peer == null) {
            throw new IllegalStateException("one frame of several messages needs the raw websocket transport");
        }
        peer.sendFrame(messages);
    }

    void send(String to, Object content, String id) {
        var frame = SessionApi.JSON.createObjectNode();
        frame.put("to", to);
        frame.set("content", SessionApi.JSON.valueToTree(content));
        if (id != null) {
            frame.put("id", id);
        }
        sendRaw(frame.toString());
    }

    List<JsonNode> frames() {
        return inbox.frames();
    }

    List<Arrival> arrivals() {
        return inbox.arrivals();
    }

    /** How many frames of this type arrived so far; cheap enough to poll. */
    int count(String type) {
        return inbox.count(type);
    }

    List<JsonNode> framesOfType(String type) {
        return inbox.framesOfType(type);
    }

    JsonNode awaitFrame(Predicate<JsonNode> match) {
        return inbox.awaitFrame(match, Duration.ofSeconds(10));
    }

    static Predicate<JsonNode> ofType(String type, String id) {
        return f -> type.equals(f.path("type").asString()) && id.equals(f.path("id").asString());
    }

    /** How the connection closed, or null while it has not. */
    CloseStatus closeStatus() {
        Inbox.Closed closed = inbox.closeStatus();
        return closed == null ? null : new CloseStatus(closed.code(), closed.reason());
    }

    boolean isOpen() {
        if (peer != null) {
            return peer.isOpen();
        }
        return session != null && session.isOpen() && inbox.isOpen();
    }

    CloseStatus awaitClose(Duration within) {
        Inbox.Closed closed = inbox.awaitClose(within);
        return new CloseStatus(closed.code(), closed.reason());
    }

    @Override
    public void close() {
        if (peer != null) {
            peer.close();
        }
        if (session != null && session.isOpen()) {
            try {
                session.close(CloseStatus.NORMAL);
            }
            catch (java.io.IOException ignored) {
                // already gone: nothing to release
            }
        }
    }

}

package io.signaling.system;

import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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
 * it arrived), and how the connection closed.
 */
final class SignalingClient extends TextWebSocketHandler implements AutoCloseable {

    /**
     * {@code WEBSOCKET}, {@code XHR} (xhr-streaming) and {@code XHR_POLLING} go through
     * Spring's {@link SockJsClient} (an {@code /info} request first); {@code EVENTSOURCE}
     * and {@code HTMLFILE}, which Spring's client does not speak, through
     * {@link SockJsHttpStream}; {@code RAW_WEBSOCKET} opens
     * {@code <address>/<server>/<session>/websocket} directly and speaks SockJS framing
     * itself, as browsers' SockJS does once it picked websocket: cheap enough for
     * hundreds of clients in one test.
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

    }

    /** A frame from the gateway and when it arrived ({@link System#nanoTime()}). */
    record Arrival(long nanos, JsonNode frame) {
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

    private final List<JsonNode> frames = new CopyOnWriteArrayList<>();

    private final List<Arrival> arrivals = new CopyOnWriteArrayList<>();

    private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();

    private volatile boolean raw;

    private final CompletableFuture<CloseStatus> closed = new CompletableFuture<>();

    private final CompletableFuture<Void> opened = new CompletableFuture<>();

    private volatile WebSocketSession session;

    private volatile SockJsHttpStream stream;

    static SignalingClient open(SessionApi.Session s, Via via) {
        SignalingClient client = connect(s.listeningAddress(), s.userId(), s.listeningKey(), via);
        client.opened.orTimeout(10, TimeUnit.SECONDS).join();
        return client;
    }

    /** Starts a connection attempt without waiting for it to open (it may be refused). */
    static SignalingClient connect(String address, String userId, String key, Via via) {
        SignalingClient client = new SignalingClient();
        if (via == Via.RAW_WEBSOCKET) {
            client.raw = true;
            URI uri = URI.create(address.replaceFirst("^http", "ws") + "/000/" + Long.toHexString(System.nanoTime())
                    + "/websocket?userId=" + userId + "&token=" + key);
            new StandardWebSocketClient(CONTAINER).execute(client, new WebSocketHttpHeaders(), uri)
                .whenComplete((session, error) -> {
                    if (error != null) {
                        client.closed.complete(new CloseStatus(CloseStatus.SERVER_ERROR.getCode(), error.getMessage()));
                    }
                });
            return client;
        }
        if (via == Via.EVENTSOURCE || via == Via.HTMLFILE) {
            client.stream = new SockJsHttpStream(address, userId, key,
                    via == Via.EVENTSOURCE ? SockJsHttpStream.Kind.EVENTSOURCE : SockJsHttpStream.Kind.HTMLFILE,
                    client.new StreamListener());
            return client;
        }
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
                client.closed.complete(new CloseStatus(CloseStatus.SERVER_ERROR.getCode(), error.getMessage()));
            }
        });
        return client;
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession session) {
        this.session = session;
        if (!raw) {
            opened.complete(null); // raw: open once the SockJS open frame arrives
        }
    }

    @Override
    protected void handleTextMessage(WebSocketSession session, TextMessage message) {
        if (!raw) {
            received(message.getPayload());
            return;
        }
        // SockJS framing: o (open), h (heartbeat), a[...] (messages), c[code,"reason"]
        // (close).
        String frame = message.getPayload();
        if (frame.startsWith("o")) {
            opened.complete(null);
        }
        else if (frame.startsWith("a")) {
            for (JsonNode text : SessionApi.JSON.readTree(frame.substring(1))) {
                received(text.asString());
            }
        }
        else if (frame.startsWith("c")) {
            JsonNode close = SessionApi.JSON.readTree(frame.substring(1));
            closed.complete(new CloseStatus(close.path(0).asInt(), close.path(1).asString()));
        }
    }

    private void received(String payload) {
        JsonNode frame = SessionApi.JSON.readTree(payload);
        arrivals.add(new Arrival(System.nanoTime(), frame));
        frames.add(frame);
        counts.computeIfAbsent(frame.path("type").asString(), type -> new AtomicInteger()).incrementAndGet();
    }

    @Override
    public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
        closed.complete(status);
    }

    /** Frames of the eventsource and htmlfile transports. */
    private final class StreamListener implements SockJsHttpStream.Listener {

        @Override
        public void opened() {
            opened.complete(null);
        }

        @Override
        public void message(String text) {
            received(text);
        }

        @Override
        public void closed(int code, String reason) {
            closed.complete(new CloseStatus(code, reason));
        }

    }

    void sendRaw(String text) {
        if (stream != null) {
            stream.send(List.of(text));
            return;
        }
        try {
            synchronized (this) {
                String payload = raw ? SessionApi.JSON.writeValueAsString(List.of(text)) : text;
                session.sendMessage(new TextMessage(payload));
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
        if (stream != null) {
            stream.send(messages);
            return;
        }
        if (!raw) {
            throw new IllegalStateException("one frame of several messages needs the raw websocket transport");
        }
        try {
            synchronized (this) {
                session.sendMessage(new TextMessage(SessionApi.JSON.writeValueAsString(messages)));
            }
        }
        catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
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
        return List.copyOf(frames);
    }

    List<Arrival> arrivals() {
        return List.copyOf(arrivals);
    }

    /** How many frames of this type arrived so far; cheap enough to poll. */
    int count(String type) {
        AtomicInteger count = counts.get(type);
        return count == null ? 0 : count.get();
    }

    List<JsonNode> framesOfType(String type) {
        return frames.stream().filter(f -> type.equals(f.path("type").asString())).toList();
    }

    JsonNode awaitFrame(Predicate<JsonNode> match) {
        await().atMost(Duration.ofSeconds(10)).until(() -> frames.stream().anyMatch(match));
        return frames.stream().filter(match).findFirst().orElseThrow();
    }

    static Predicate<JsonNode> ofType(String type, String id) {
        return f -> type.equals(f.path("type").asString()) && id.equals(f.path("id").asString());
    }

    /** How the connection closed, or null while it has not. */
    CloseStatus closeStatus() {
        return closed.getNow(null);
    }

    boolean isOpen() {
        if (stream != null) {
            return stream.isOpen() && opened.isDone() && !closed.isDone();
        }
        return session != null && session.isOpen() && !closed.isDone();
    }

    CloseStatus awaitClose(Duration within) {
        return closed.orTimeout(within.toMillis(), TimeUnit.MILLISECONDS).join();
    }

    @Override
    public void close() {
        if (stream != null) {
            stream.close();
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

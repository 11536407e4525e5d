package io.signaling.platform.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketHttpHeaders;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.client.standard.StandardWebSocketClient;
import org.springframework.web.socket.handler.TextWebSocketHandler;
import org.springframework.web.socket.sockjs.client.SockJsClient;
import org.springframework.web.socket.sockjs.client.WebSocketTransport;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A browser's side of one session: a SockJS connection to its gateway, recording every
 * frame it gets and when ({@link System#nanoTime()}), and whether the connection closed.
 */
final class SockJsPeer extends TextWebSocketHandler implements AutoCloseable {

    static final JsonMapper JSON = JsonMapper.builder().build();

    /** A frame from the gateway and when it arrived. */
    record Arrival(long nanos, JsonNode frame) {
    }

    private final String userId;

    private final List<Arrival> arrivals = new CopyOnWriteArrayList<>();

    private final WebSocketSession session;

    private volatile CloseStatus closed;

    private SockJsPeer(String listeningAddress, String userId, String key) throws Exception {
        this.userId = userId;
        SockJsClient client = new SockJsClient(List.of(new WebSocketTransport(new StandardWebSocketClient())));
        URI uri = URI.create(listeningAddress + "?userId=" + URLEncoder.encode(userId, StandardCharsets.UTF_8)
                + "&token=" + URLEncoder.encode(key, StandardCharsets.UTF_8));
        this.session = client.execute(this, new WebSocketHttpHeaders(), uri).get(20, TimeUnit.SECONDS);
    }

    /** Connects with what {@code POST /connect} answered. */
    static SockJsPeer connect(JsonNode session) throws Exception {
        return new SockJsPeer(session.path("listeningAddress").asString(), session.path("userId").asString(),
                session.path("listeningKey").asString());
    }

    @Override
    protected void handleTextMessage(WebSocketSession session, TextMessage message) {
        arrivals.add(new Arrival(System.nanoTime(), JSON.readTree(message.getPayload())));
    }

    @Override
    public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
        closed = status;
    }

    String userId() {
        return userId;
    }

    boolean isOpen() {
        return closed == null && session.isOpen();
    }

    /** How the connection closed ({@code null} while open), for failure messages. */
    CloseStatus closeStatus() {
        return closed;
    }

    void send(String json) throws IOException {
        synchronized (this) { // one sender at a time: the frames keep their order
            session.sendMessage(new TextMessage(json));
        }
    }

    List<JsonNode> frames() {
        return arrivals.stream().map(Arrival::frame).toList();
    }

    List<Arrival> arrivals() {
        return List.copyOf(arrivals);
    }

    @Override
    public void close() throws Exception {
        if (session.isOpen()) {
            session.close();
        }
    }

}

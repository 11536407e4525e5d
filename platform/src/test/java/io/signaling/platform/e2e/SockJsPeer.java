package io.signaling.platform.e2e;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketHttpHeaders;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.client.standard.StandardWebSocketClient;
import org.springframework.web.socket.handler.TextWebSocketHandler;
import org.springframework.web.socket.sockjs.client.SockJsClient;
import org.springframework.web.socket.sockjs.client.WebSocketTransport;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A browser's side of one session: a SockJS connection to its gateway, recording every frame it gets. */
final class SockJsPeer extends TextWebSocketHandler implements AutoCloseable {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private final List<JsonNode> frames = new CopyOnWriteArrayList<>();
    private final WebSocketSession session;

    private SockJsPeer(String listeningAddress, String userId, String key) throws Exception {
        SockJsClient client = new SockJsClient(List.of(new WebSocketTransport(new StandardWebSocketClient())));
        URI uri = URI.create(listeningAddress + "?userId=" + URLEncoder.encode(userId, StandardCharsets.UTF_8)
                + "&token=" + URLEncoder.encode(key, StandardCharsets.UTF_8));
        this.session = client.execute(this, new WebSocketHttpHeaders(), uri).get(20, TimeUnit.SECONDS);
    }

    static SockJsPeer connect(JsonNode session) throws Exception {
        return new SockJsPeer(session.path("listeningAddress").asString(), session.path("userId").asString(),
                session.path("listeningKey").asString());
    }

    @Override
    protected void handleTextMessage(WebSocketSession session, TextMessage message) {
        frames.add(JSON.readTree(message.getPayload()));
    }

    void send(String json) throws Exception {
        session.sendMessage(new TextMessage(json));
    }

    List<JsonNode> frames() {
        return List.copyOf(frames);
    }

    @Override
    public void close() throws Exception {
        session.close();
    }
}

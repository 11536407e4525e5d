package io.signaling.platform.e2e;

import io.signaling.sockjs.peer.Inbox.Arrival;
import io.signaling.sockjs.peer.SockJsPeer.Transport;
import io.signaling.sockjs.session.Session;
import java.time.Duration;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A browser's side of one session: a SockJS connection to its gateway, recording every
 * frame it gets and when ({@link System#nanoTime()}), and whether the connection closed.
 * The shared test client ({@code sockjs-client}) over the raw websocket transport, with
 * the e2e tests' API.
 */
final class SockJsPeer implements AutoCloseable {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private final io.signaling.sockjs.peer.SockJsPeer peer;

    private SockJsPeer(io.signaling.sockjs.peer.SockJsPeer peer) {
        this.peer = peer;
    }

    /** Connects with what {@code POST /connect} answered. */
    static SockJsPeer connect(JsonNode session) {
        return new SockJsPeer(io.signaling.sockjs.peer.SockJsPeer.open(new Session(session.path("userId").asString(),
                session.path("listeningAddress").asString(), session.path("listeningKey").asString()),
                Transport.WEBSOCKET, Duration.ofSeconds(20)));
    }

    String userId() {
        return peer.userId();
    }

    boolean isOpen() {
        return peer.isOpen();
    }

    /**
     * One message in its own frame, written before this returns (sends keep their order).
     * @throws IllegalStateException when the connection closed meanwhile
     */
    void send(String json) {
        peer.sendMessage(json);
    }

    List<JsonNode> frames() {
        return peer.inbox().frames();
    }

    List<Arrival> arrivals() {
        return peer.inbox().arrivals();
    }

    @Override
    public void close() {
        peer.close();
    }

}

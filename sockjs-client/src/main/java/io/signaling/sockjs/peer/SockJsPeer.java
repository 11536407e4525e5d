package io.signaling.sockjs.peer;

import io.signaling.sockjs.SockJsConnection;
import io.signaling.sockjs.SockJsHttpStream;
import io.signaling.sockjs.SockJsUrls;
import io.signaling.sockjs.session.Session;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A browser's side of one session, for tests: a SockJS connection to the session's
 * gateway over the raw websocket transport ({@link SockJsConnection}) or over
 * eventsource/htmlfile ({@link SockJsHttpStream}), recording what it hears in an
 * {@link Inbox}. Sends block until the frame is written, so a test's order of sends is
 * the order on the wire, across peers too.
 */
public final class SockJsPeer implements AutoCloseable {

    /** How long a send may take before the test is told. */
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(15);

    /**
     * Connection attempts time out after this (the open itself is awaited by the caller).
     */
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(20);

    /** One client for every peer: the JDK's websockets share its selector thread. */
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public enum Transport {

        /**
         * {@code <address>/<server>/<session>/websocket}, SockJS framing spoken directly,
         * as a browser's SockJS does once it picked websocket.
         */
        WEBSOCKET,

        /** A streamed GET of {@code data: <frame>} events; sends are {@code xhr_send}. */
        EVENTSOURCE,

        /**
         * A streamed GET of {@code <script>p("<frame>");</script>} chunks; sends are
         * {@code xhr_send}.
         */
        HTMLFILE

    }

    private final String userId;

    private final Inbox inbox = new Inbox();

    private volatile CompletableFuture<SockJsConnection> websocket;

    private volatile SockJsHttpStream stream;

    private SockJsPeer(String userId) {
        this.userId = userId;
    }

    /** Connects and waits for the SockJS session to open. */
    public static SockJsPeer open(Session session, Transport transport, Duration within) {
        SockJsPeer peer = connect(session.listeningAddress(), session.userId(), session.listeningKey(), transport);
        try {
            peer.inbox.awaitOpen(within);
        }
        catch (RuntimeException e) {
            peer.close();
            throw e;
        }
        return peer;
    }

    /** Starts a connection attempt without waiting for it to open (it may be refused). */
    public static SockJsPeer connect(String listeningAddress, String userId, String key, Transport transport) {
        SockJsPeer peer = new SockJsPeer(userId);
        if (transport == Transport.WEBSOCKET) {
            peer.websocket = SockJsConnection.open(HTTP, SockJsUrls.websocket(listeningAddress, userId, key),
                    CONNECT_TIMEOUT, peer.new Listener());
            peer.websocket.whenComplete((connection, error) -> {
                if (error != null) {
                    peer.inbox.closed(1006, String.valueOf(error.getMessage()));
                }
                else {
                    peer.inbox.opened();
                }
            });
        }
        else {
            peer.stream = new SockJsHttpStream(listeningAddress, userId, key, transport == Transport.EVENTSOURCE
                    ? SockJsHttpStream.Kind.EVENTSOURCE : SockJsHttpStream.Kind.HTMLFILE, peer.new Listener());
        }
        return peer;
    }

    public String userId() {
        return userId;
    }

    public Inbox inbox() {
        return inbox;
    }

    public boolean isOpen() {
        SockJsHttpStream current = stream;
        return inbox.isOpen() && (current == null || current.isOpen());
    }

    /** A signal frame {@code {to, content[, id]}} (contract §3). */
    public void send(String to, JsonNode content, String id) {
        ObjectNode frame = Inbox.JSON.createObjectNode();
        frame.put("to", to);
        frame.set("content", content);
        if (id != null) {
            frame.put("id", id);
        }
        sendMessage(frame.toString());
    }

    /** One application message (any text), alone in its SockJS frame. */
    public void sendMessage(String text) {
        sendFrame(List.of(text));
    }

    /**
     * Several messages in one SockJS frame: {@code ["m1","m2",…]}.
     * @throws IllegalStateException when the connection is not open, closed meanwhile, or
     * the frame was not written within 15 s
     */
    public void sendFrame(List<String> messages) {
        SockJsHttpStream current = stream;
        if (current != null) {
            current.send(messages);
            return;
        }
        SockJsConnection connection = websocket.getNow(null);
        if (connection == null) {
            throw new IllegalStateException("the websocket of " + userId + " is not open");
        }
        try {
            connection.sendFrame(messages).orTimeout(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).join();
        }
        catch (CompletionException e) {
            throw new IllegalStateException("the websocket of " + userId + " did not take the frame: " + e.getCause(),
                    e.getCause());
        }
    }

    /**
     * Closes as a browser page does: the websocket with a normal close, an HTTP stream by
     * aborting its request.
     */
    @Override
    public void close() {
        SockJsHttpStream current = stream;
        if (current != null) {
            current.close();
            return;
        }
        // not open yet: closed as soon as it opens
        websocket.thenAccept(SockJsConnection::close);
    }

    /** Feeds the inbox from either transport. */
    private final class Listener implements SockJsConnection.Listener, SockJsHttpStream.Listener {

        @Override
        public void onMessage(SockJsConnection connection, String message) {
            inbox.message(message);
        }

        @Override
        public void onClosed(SockJsConnection connection, int code, String reason) {
            inbox.closed(code == -1 ? 1006 : code, reason);
        }

        @Override
        public void opened() {
            inbox.opened();
        }

        @Override
        public void message(String text) {
            inbox.message(text);
        }

        @Override
        public void closed(int code, String reason) {
            inbox.closed(code, reason);
        }

    }

}

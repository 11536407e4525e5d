package io.signaling.bench.client;

import io.signaling.bench.signal.GatewayMessage;
import io.signaling.bench.signal.StreamTracker;
import io.signaling.sockjs.SockJsConnection;
import io.signaling.sockjs.session.Session;

/**
 * One simulated browser: its session, its SockJS connection, and the stream it sends on.
 * What it receives goes to the scenario's {@link Inbox}.
 */
public final class VirtualUser implements SockJsConnection.Listener {

    /** What a scenario does with the frames its users receive. */
    public interface Inbox {

        void onMessage(VirtualUser user, GatewayMessage message);

        default void onClosed(VirtualUser user, int code, String reason) {
        }

    }

    private static final Inbox NOTHING = (user, message) -> {
    };

    private final String userId;

    private volatile Session session;

    private volatile SockJsConnection connection;

    private volatile Inbox inbox = NOTHING;

    private volatile StreamTracker outgoing;

    private volatile StreamTracker incoming;

    private volatile int closeCode;

    public VirtualUser(String userId) {
        this.userId = userId;
    }

    public String userId() {
        return userId;
    }

    public Session session() {
        return session;
    }

    /** The gateway this user's session is bound to (its listening address). */
    public String gateway() {
        return session == null ? null : session.listeningAddress();
    }

    public SockJsConnection connection() {
        return connection;
    }

    void connected(Session session, SockJsConnection connection) {
        this.session = session;
        this.connection = connection;
    }

    void bound(Session session) {
        this.session = session;
    }

    public void inbox(Inbox inbox) {
        this.inbox = inbox;
    }

    /** The stream this user sends on, and the one it receives on (both optional). */
    public void streams(StreamTracker outgoing, StreamTracker incoming) {
        this.outgoing = outgoing;
        this.incoming = incoming;
    }

    public StreamTracker outgoing() {
        return outgoing;
    }

    public StreamTracker incoming() {
        return incoming;
    }

    public void send(String message) {
        connection.send(message);
    }

    /** 0 while open; the close code once closed (-1 after an error). */
    public int closeCode() {
        return closeCode;
    }

    @Override
    public void onMessage(SockJsConnection connection, String message) {
        inbox.onMessage(this, GatewayMessage.parse(message));
    }

    @Override
    public void onClosed(SockJsConnection connection, int code, String reason) {
        closeCode = code == 0 ? -1 : code;
        inbox.onClosed(this, code, reason);
    }

}

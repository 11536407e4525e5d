package io.signaling.gateway.connection;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.signaling.gateway.delivery.LostSignals;
import io.signaling.gateway.frame.CloseCodes;
import io.signaling.gateway.frame.CloseCodes.Refusal;
import io.signaling.gateway.frame.MessageAssembler;
import io.signaling.gateway.handshake.Admission;
import io.signaling.gateway.handshake.HandshakeAttributes;
import io.signaling.gateway.handshake.HttpTransportSessions;
import io.signaling.gateway.handshake.RefusingTransports;
import io.signaling.gateway.sessions.SessionsView;
import io.signaling.gateway.signal.SignalIntake;
import io.signaling.gateway.signal.TokenBucket;
import io.signaling.gateway.config.GatewayProperties;
import io.signaling.schemas.session.DeleteReason;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.EnumMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.PongMessage;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.TextWebSocketHandler;
import org.springframework.web.socket.sockjs.transport.session.AbstractHttpSockJsSession;

/**
 * The SockJS endpoint's handler: opens a connection for an admitted handshake, passes
 * client messages to {@link SignalIntake}, hears pongs, and reports the connection's end,
 * including when its {@link Outbox} gives up on the client (slow consumer, ping timeout).
 */
@Component
public class SignalingSocketHandler extends TextWebSocketHandler {

    private static final Logger log = LoggerFactory.getLogger(SignalingSocketHandler.class);

    private static final String CONNECTION = "signaling.connection";

    private final ConnectionHub hub;

    private final ConnectionReports reports;

    private final SignalIntake intake;

    private final SessionsView view;

    private final GatewayProperties properties;

    private final ConnectionWriters writers;

    private final LostSignals lostSignals;

    private final HttpTransportSessions httpSessions;

    private final Map<Outbox.Loss, Counter> losses = new EnumMap<>(Outbox.Loss.class);

    SignalingSocketHandler(ConnectionHub hub, ConnectionReports reports, SignalIntake intake, SessionsView view,
            GatewayProperties properties, ConnectionWriters writers, LostSignals lostSignals,
            HttpTransportSessions httpSessions, MeterRegistry meters) {
        this.hub = hub;
        this.reports = reports;
        this.intake = intake;
        this.view = view;
        this.properties = properties;
        this.writers = writers;
        this.lostSignals = lostSignals;
        this.httpSessions = httpSessions;
        for (Outbox.Loss loss : Outbox.Loss.values()) {
            losses.put(loss,
                    Counter.builder("signaling.gateway.connections.lost")
                        .description("Connections the gateway gave up on: slow consumers (queue-full, write-stalled), "
                                + "no pong (ping-timeout), a failed write (write-failed)")
                        .tag("reason", loss.name().toLowerCase().replace('_', '-'))
                        .register(meters));
        }
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession session) throws IOException {
        if (session.getAttributes().get(HandshakeAttributes.REFUSAL) instanceof Refusal refusal) {
            refuse(session, refusal); // an HTTP transport refused by the handshake
                                      // interceptor
            return;
        }
        Object admitted = session.getAttributes().get(HandshakeAttributes.ADMISSION);
        if (!(admitted instanceof Admission admission)) {
            refuse(session, Refusal.INVALID_REQUEST);
            return;
        }
        Outbox outbox = new Outbox(new SessionTransport(session, properties.sendTimeLimit()), writers, lostSignals,
                System::nanoTime, properties.sendBufferLimit().toBytes(), properties.sendTimeLimit().toNanos(),
                properties.sockjsHeartbeat().toNanos());
        // One char over the limit is enough for the parser to answer message-too-large (a
        // char is at least a byte).
        Connection connection = new Connection(admission,
                new TokenBucket(properties.rateLimit().perSecond(), properties.rateLimit().burst(), System::nanoTime),
                new MessageAssembler(properties.maxMessageBytes() + 1), outbox);
        outbox.onEnd(loss -> giveUp(connection, loss));
        session.getAttributes().put(CONNECTION, connection); // before registering: a
                                                             // close may come at any time
                                                             // now
        session.getAttributes().put(HandshakeAttributes.RESUME, (Runnable) outbox::resume);
        session.getAttributes().put(HandshakeAttributes.REQUEST, (Runnable) outbox::requested);
        Refusal notRegistered = hub.register(connection);
        if (notRegistered != null) {
            // Two handshakes for one session (or for the last place) passed the check at
            // once: the first to register
            // wins, this one writes nothing.
            session.getAttributes().remove(CONNECTION);
            log.info("Refused a connection for {} at registration: {}", admission.userId(), notRegistered.reason());
            refuse(session, notRegistered);
            return;
        }
        log.info("Connection opened for {} (session {}, {})", admission.userId(), admission.sessionId(),
                session.getClass().getSimpleName());
        if (session instanceof AbstractHttpSockJsSession) {
            httpSessions.opened(session.getId(), admission); // every further request must
                                                             // carry the same credentials
        }
        reports.opened(connection);
        if (!session.isOpen()) { // closed while opening, possibly before it was
                                 // registered
            afterConnectionClosed(session, CloseStatus.NO_CLOSE_FRAME);
            return;
        }
        // The view may have deleted the session between the handshake's check and the
        // registration above.
        hub.onSessionRow(admission.userId(), view.get(admission.userId()));
    }

    /**
     * The raw websocket endpoint hands messages over in parts, so that the container's
     * per-connection buffer stays small (see {@link AssemblingWebSocketTransport});
     * SockJS transports hand over whole messages, which pass through
     * {@link MessageAssembler} untouched.
     */
    @Override
    public boolean supportsPartialMessages() {
        return true;
    }

    @Override
    protected void handleTextMessage(WebSocketSession session, TextMessage message) {
        Connection connection = connectionOf(session);
        if (connection == null) {
            return;
        }
        String text = connection.assemble(message.getPayload(), message.isLast());
        if (text != null) {
            intake.handle(connection, text);
        }
    }

    /**
     * The answer to one of the outbox's pings: its payload is the ping's sequence number.
     */
    @Override
    protected void handlePongMessage(WebSocketSession session, PongMessage message) {
        Connection connection = connectionOf(session);
        ByteBuffer payload = message.getPayload();
        if (connection != null && payload.remaining() == Long.BYTES) {
            connection.outbox().ponged(payload.getLong(payload.position()));
        }
    }

    @Override
    public void handleTransportError(WebSocketSession session, Throwable exception) {
        Connection connection = connectionOf(session);
        if (connection != null) {
            log.debug("Transport error for {}: {}", connection.userId(), exception.toString());
            connection.transportFailed();
        }
    }

    @Override
    public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
        Connection connection = connectionOf(session);
        if (connection == null) {
            return; // refused: nothing was reported for it, nothing is now
        }
        hub.unregister(connection);
        httpSessions.closed(session.getId());
        log.info("Connection closed for {} ({})", connection.userId(), status);
        DeleteReason reason = connection.deleteReason(status).orElse(null);
        // An HTTP-transport client cannot close: its session ends when it stops making
        // requests (SockJS's
        // disconnect delay), which is to vanish as far as what it was last sent goes.
        boolean lost = reason == DeleteReason.CONNECTION_LOST
                || reason == DeleteReason.CONNECTION_CLOSED && session instanceof AbstractHttpSockJsSession;
        // Not written: answered to their senders. Written and not confirmed (no pong, no
        // later request), on a lost
        // connection: likewise.
        connection.outbox().ended(lost);
        reports.closed(connection, status);
    }

    /**
     * The outbox gave up on the client: the session ends {@code connection-lost} now, not
     * when the socket finally closes (a stuck one may take the write timeout), so its
     * userId is free on time.
     */
    private void giveUp(Connection connection, Outbox.Loss loss) {
        connection.lost();
        hub.unregister(connection);
        losses.get(loss).increment();
        log.info("Gave up on the connection of {}: {}", connection.userId(), loss.name().toLowerCase());
        reports.closed(connection, loss == Outbox.Loss.QUEUE_FULL || loss == Outbox.Loss.WRITE_STALLED
                ? CloseCodes.SLOW_CONSUMER : CloseCodes.CONNECTION_LOST);
    }

    /**
     * A refused session is closed with 4403 after its open frame: the websocket transport
     * sent {@code o} before calling this handler, the HTTP transports send it after, so
     * they close it themselves ({@link RefusingTransports}).
     */
    private static void refuse(WebSocketSession session, Refusal refusal) throws IOException {
        session.getAttributes().put(HandshakeAttributes.REFUSAL, refusal);
        if (!RefusingTransports.closesAfterOpen(session)) {
            session.close(CloseCodes.refused(refusal));
        }
    }

    private static Connection connectionOf(WebSocketSession session) {
        return (Connection) session.getAttributes().get(CONNECTION);
    }

}

package io.signaling.gateway.connection;

import io.signaling.gateway.delivery.DeliveryDedup;
import io.signaling.gateway.delivery.Recipient;
import io.signaling.gateway.frame.MessageAssembler;
import io.signaling.gateway.handshake.Admission;
import io.signaling.gateway.signal.Sender;
import io.signaling.gateway.signal.TokenBucket;
import io.signaling.schemas.session.DeleteReason;
import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;

/**
 * All protocol state of one open connection: whose session it is, its rate limit, what it was
 * already delivered, and why it ended. Its WebSocket session is a concurrent decorator: frames are
 * sent from the message thread (errors), the producer's callback thread (acks) and the delivery
 * consumer (signals).
 */
public final class Connection implements Sender, Recipient {

    private static final Logger log = LoggerFactory.getLogger(Connection.class);

    private final WebSocketSession session;
    private final Admission admission;
    private final TokenBucket rateLimiter;
    private final DeliveryDedup dedup = new DeliveryDedup();
    private final MessageAssembler incoming;
    private final AtomicBoolean reported = new AtomicBoolean();
    private volatile boolean registered;
    private volatile boolean closedByGateway;
    private volatile DeleteReason gatewayReason;
    private volatile boolean transportFailed;

    Connection(WebSocketSession session, Admission admission, TokenBucket rateLimiter, MessageAssembler incoming) {
        this.session = session;
        this.admission = admission;
        this.rateLimiter = rateLimiter;
        this.incoming = incoming;
    }

    /** Joins the parts of the client's current message: the whole message once the last part is in, else null. */
    String assemble(String part, boolean last) {
        return incoming.append(part, last);
    }

    @Override
    public String userId() {
        return admission.userId();
    }

    @Override
    public String sessionId() {
        return admission.sessionId();
    }

    @Override
    public int deliveryPartition() {
        return admission.deliveryPartition();
    }

    @Override
    public TokenBucket rateLimiter() {
        return rateLimiter;
    }

    @Override
    public DeliveryDedup dedup() {
        return dedup;
    }

    @Override
    public boolean send(String frame) {
        if (!session.isOpen()) {
            return false;
        }
        try {
            session.sendMessage(new TextMessage(frame));
            return true;
        }
        catch (IOException | RuntimeException e) { // closed meanwhile, or over the decorator's limits
            log.debug("Send to {} failed: {}", userId(), e.toString());
            return false;
        }
    }

    /**
     * Closes from the gateway's side. {@code reason} is what the session is deleted with; {@code null}
     * when the session is already gone and nothing must be reported.
     */
    void close(CloseStatus status, DeleteReason reason) {
        gatewayReason = reason;
        closedByGateway = true;
        try {
            session.close(status);
        }
        catch (IOException | RuntimeException e) {
            log.debug("Close of {} failed: {}", userId(), e.toString());
        }
    }

    void transportFailed() {
        transportFailed = true;
    }

    void registered() {
        registered = true;
    }

    /**
     * True exactly once, and only for a connection that was registered in the hub: the one caller
     * that may report its end. A connection that lost the race for its session never reports.
     */
    boolean claimReport() {
        return registered && reported.compareAndSet(false, true);
    }

    /** Why the session ends with this connection; empty when there is nothing to report. */
    Optional<DeleteReason> deleteReason(CloseStatus status) {
        if (closedByGateway) {
            return Optional.ofNullable(gatewayReason);
        }
        boolean clientClosed = status.getCode() == CloseStatus.NORMAL.getCode()
                || status.getCode() == CloseStatus.GOING_AWAY.getCode();
        return Optional.of(clientClosed && !transportFailed ? DeleteReason.CONNECTION_CLOSED : DeleteReason.CONNECTION_LOST);
    }
}

package io.signaling.gateway.connection;

import io.signaling.gateway.delivery.DeliveryDedup;
import io.signaling.gateway.delivery.Recipient;
import io.signaling.gateway.frame.CloseCodes;
import io.signaling.gateway.frame.MessageAssembler;
import io.signaling.gateway.handshake.Admission;
import io.signaling.gateway.signal.PairPaths;
import io.signaling.gateway.signal.Sender;
import io.signaling.gateway.signal.SignalSink;
import io.signaling.gateway.signal.TokenBucket;
import io.signaling.schemas.delivery.SignalDelivery;
import io.signaling.schemas.session.DeleteReason;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.web.socket.CloseStatus;

/**
 * All protocol state of one open connection: whose session it is, its rate limit, what it
 * was already delivered, its outgoing queue, and why it ended. Frames for the client come
 * from the message thread (errors), the producer's callback thread (acks) and the
 * delivery consumer (signals, rejections); all go through the {@link Outbox}, so none of
 * those threads writes to a socket. Acks and rejections pass {@link AckFirst} first, so a
 * rejection never overtakes its ack.
 */
public final class Connection implements Sender, Recipient {

    private final Admission admission;

    private final TokenBucket rateLimiter;

    private final DeliveryDedup dedup = new DeliveryDedup();

    private final PairPaths paths = new PairPaths();

    private final MessageAssembler incoming;

    private final Outbox outbox;

    private final AckFirst answers;

    private final AtomicBoolean reported = new AtomicBoolean();

    private volatile boolean registered;

    private volatile boolean closedByGateway;

    private volatile DeleteReason gatewayReason;

    private volatile boolean transportFailed;

    Connection(Admission admission, TokenBucket rateLimiter, MessageAssembler incoming, Outbox outbox) {
        this.admission = admission;
        this.rateLimiter = rateLimiter;
        this.incoming = incoming;
        this.outbox = outbox;
        this.answers = new AckFirst(this::send);
    }

    /**
     * Joins the parts of the client's current message: the whole message once the last
     * part is in, else null.
     */
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
    public PairPaths paths() {
        return paths;
    }

    @Override
    public void relayAnswered(String to, int sourcePartition, long sourceOffset) {
        paths.answered(to, sourcePartition, sourceOffset);
    }

    @Override
    public DeliveryDedup dedup() {
        return dedup;
    }

    @Override
    public boolean send(String frame) {
        return outbox.offer(new Outgoing.Frame(frame, null));
    }

    @Override
    public void appending() {
        answers.appending();
    }

    @Override
    public void acked(SignalSink.Position position, String ack) {
        answers.acked(position.partition(), position.offset(), ack);
    }

    @Override
    public void notAppended(String error) {
        answers.failed(error);
    }

    @Override
    public void appendUncertain() {
        answers.failed(null);
        if (!closedByGateway) { // e.g. already closed for the gateway's shutdown: its
                                // reason stands
            close(CloseCodes.SIGNAL_LOG_UNAVAILABLE, DeleteReason.CONNECTION_LOST);
        }
    }

    @Override
    public void reject(int sourcePartition, long sourceOffset, String frame) {
        answers.rejected(sourcePartition, sourceOffset, frame);
    }

    @Override
    public boolean deliver(SignalDelivery signal, String frame) {
        return outbox.offer(new Outgoing.Frame(frame, signal));
    }

    Outbox outbox() {
        return outbox;
    }

    /**
     * Closes from the gateway's side, after the frames already queued. {@code reason} is
     * what the session is deleted with; {@code null} when the session is already gone and
     * nothing must be reported.
     */
    void close(CloseStatus status, DeleteReason reason) {
        gatewayReason = reason;
        closedByGateway = true;
        outbox.close(status);
    }

    /**
     * The gateway gave up on the client (slow, or not answering pings): the session ends
     * {@code connection-lost}.
     */
    void lost() {
        gatewayReason = DeleteReason.CONNECTION_LOST;
        closedByGateway = true;
    }

    void transportFailed() {
        transportFailed = true;
    }

    boolean hasTransportFailed() {
        return transportFailed;
    }

    void registered() {
        registered = true;
    }

    /**
     * True exactly once, and only for a connection that was registered in the hub: the
     * one caller that may report its end. A connection that lost the race for its session
     * never reports.
     */
    boolean claimReport() {
        return registered && reported.compareAndSet(false, true);
    }

    /**
     * Why the session ends with this connection; empty when there is nothing to report.
     */
    Optional<DeleteReason> deleteReason(CloseStatus status) {
        if (closedByGateway) {
            return Optional.ofNullable(gatewayReason);
        }
        boolean clientClosed = status.getCode() == CloseStatus.NORMAL.getCode()
                || status.getCode() == CloseStatus.GOING_AWAY.getCode();
        return Optional
            .of(clientClosed && !transportFailed ? DeleteReason.CONNECTION_CLOSED : DeleteReason.CONNECTION_LOST);
    }

}

package io.signaling.gateway.handshake;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.signaling.gateway.frame.CloseCodes.Refusal;
import io.signaling.gateway.sessions.SessionsView;
import io.signaling.gateway.config.GatewayIdentity;
import io.signaling.gateway.config.GatewayProperties;
import io.signaling.schemas.UserIds;
import io.signaling.schemas.security.ListeningKeys;
import io.signaling.schemas.session.SessionState;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import org.springframework.stereotype.Component;

/**
 * Decides a handshake against the sessions view (docs/architecture.md, "Handshake
 * consistency"). session-service answers {@code /connect} only once the row is in the
 * log, but this gateway's view may not have read it yet: when the view does not match,
 * the decision waits (bounded by {@code handshake-wait}) until the view has read the
 * row's partition up to an end offset that its own fetches reported after the handshake
 * began: a few poll rounds, no broker call. A client is never refused because a view was
 * behind. At most {@code handshake-max-waiting} handshakes wait at once; past that (a
 * flood of handshakes for unknown users), one is decided on what the view shows. Deciding
 * writes nothing.
 */
@Component
class HandshakeAuthenticator {

    private final SessionsView view;

    private final ConnectedUsers connected;

    private final GatewayIdentity identity;

    private final Duration wait;

    private final Semaphore waiting;

    private final MeterRegistry meters;

    private final Counter waits;

    private final Counter notWaited;

    HandshakeAuthenticator(SessionsView view, ConnectedUsers connected, GatewayIdentity identity,
            GatewayProperties properties, MeterRegistry meters) {
        this.view = view;
        this.connected = connected;
        this.identity = identity;
        this.wait = properties.handshakeWait();
        this.waiting = new Semaphore(properties.handshakeMaxWaiting());
        this.meters = meters;
        this.waits = Counter.builder("signaling.gateway.handshake.waits")
            .description("Handshakes that waited for the sessions view to catch up")
            .register(meters);
        this.notWaited = Counter.builder("signaling.gateway.handshake.waits.refused")
            .description("Handshakes decided without waiting because handshake-max-waiting others were waiting")
            .register(meters);
    }

    HandshakeDecision decide(String userId, String token) {
        HandshakeDecision decision = decideNow(userId, token);
        meters
            .counter("signaling.gateway.handshakes", "outcome",
                    decision.accepted() ? "accepted" : decision.refusal().reason())
            .increment();
        return decision;
    }

    private HandshakeDecision decideNow(String userId, String token) {
        if (!UserIds.isValid(userId) || token == null || token.isEmpty()) {
            return HandshakeDecision.refuse(Refusal.INVALID_REQUEST);
        }
        if (!connected.accepting()) {
            return HandshakeDecision.refuse(Refusal.SHUTTING_DOWN);
        }
        if (connected.full()) {
            // Before the view, and without a wait: the client should go back to /connect,
            // which binds elsewhere.
            return HandshakeDecision.refuse(Refusal.GATEWAY_FULL);
        }
        if (connected.isConnected(userId)) {
            return HandshakeDecision.refuse(Refusal.ALREADY_CONNECTED);
        }
        HandshakeDecision decision = check(userId, token);
        if (decision.accepted()) {
            return decision;
        }
        if (!waiting.tryAcquire()) {
            notWaited.increment();
            return decision;
        }
        try {
            waits.increment();
            long deadline = System.nanoTime() + wait.toNanos();
            view.awaitEndSeen(view.partitionFor(userId), () -> check(userId, token).accepted(), deadline);
            return check(userId, token);
        }
        finally {
            waiting.release();
        }
    }

    private HandshakeDecision check(String userId, String token) {
        SessionState row = view.get(userId);
        if (row == null) {
            return HandshakeDecision.refuse(Refusal.NO_SESSION);
        }
        // The key first, in constant time: without it, nothing else about the session is
        // revealed.
        if (!ListeningKeys.matches(token, row.keyHash())) {
            return HandshakeDecision.refuse(Refusal.INVALID_KEY);
        }
        if (!identity.id().equals(row.gatewayId())) {
            return HandshakeDecision.refuse(Refusal.WRONG_GATEWAY);
        }
        if (row.acked()) {
            return HandshakeDecision.refuse(Refusal.ALREADY_CONNECTED);
        }
        return HandshakeDecision.accept(new Admission(userId, row.sessionId(),
                identity.answerPartition(row.deliveryPartition()), row.keyHash()));
    }

}

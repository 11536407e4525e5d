package io.signaling.gateway.handshake;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.signaling.gateway.frame.CloseCodes.Refusal;
import io.signaling.gateway.sessions.SessionsView;
import io.signaling.gateway.system.GatewayIdentity;
import io.signaling.gateway.system.GatewayProperties;
import io.signaling.schemas.UserIds;
import io.signaling.schemas.security.ListeningKeys;
import io.signaling.schemas.session.SessionState;
import java.time.Duration;
import java.util.OptionalLong;
import org.springframework.stereotype.Component;

/**
 * Decides a handshake against the sessions view (docs/architecture.md, "Handshake consistency").
 * session-service answers {@code /connect} only once the row is in the log, but this gateway's
 * view may not have read it yet: when the view does not match, the decision waits (bounded by
 * {@code handshake-wait}) until the view has read the row's partition up to its end offset, and,
 * if there is still no row at all, until one arrives. A client is never refused because a view
 * was behind. Deciding writes nothing.
 */
@Component
class HandshakeAuthenticator {

    private final SessionsView view;
    private final ConnectedUsers connected;
    private final GatewayIdentity identity;
    private final Duration wait;
    private final MeterRegistry meters;
    private final Counter waits;

    HandshakeAuthenticator(SessionsView view, ConnectedUsers connected, GatewayIdentity identity,
            GatewayProperties properties, MeterRegistry meters) {
        this.view = view;
        this.connected = connected;
        this.identity = identity;
        this.wait = properties.handshakeWait();
        this.meters = meters;
        this.waits = Counter.builder("signaling.gateway.handshake.waits")
                .description("Handshakes that waited for the sessions view to catch up").register(meters);
    }

    HandshakeDecision decide(String userId, String token) {
        HandshakeDecision decision = decideNow(userId, token);
        meters.counter("signaling.gateway.handshakes", "outcome",
                decision.accepted() ? "accepted" : decision.refusal().reason()).increment();
        return decision;
    }

    private HandshakeDecision decideNow(String userId, String token) {
        if (!UserIds.isValid(userId) || token == null || token.isEmpty()) {
            return HandshakeDecision.refuse(Refusal.INVALID_REQUEST);
        }
        if (!connected.accepting()) {
            return HandshakeDecision.refuse(Refusal.SHUTTING_DOWN);
        }
        if (connected.isConnected(userId)) {
            return HandshakeDecision.refuse(Refusal.ALREADY_CONNECTED);
        }
        HandshakeDecision decision = check(userId, token);
        if (decision.accepted()) {
            return decision;
        }
        waits.increment();
        long deadline = System.nanoTime() + wait.toNanos();
        int partition = view.partitionFor(userId);
        OptionalLong end = view.endOffset(partition, Duration.ofNanos(deadline - System.nanoTime()));
        if (end.isPresent()) {
            view.awaitPosition(partition, end.getAsLong(), deadline);
        }
        decision = check(userId, token);
        if (decision.refusal() == Refusal.NO_SESSION && view.awaitRow(userId, deadline)) {
            decision = check(userId, token);
        }
        return decision;
    }

    private HandshakeDecision check(String userId, String token) {
        SessionState row = view.get(userId);
        if (row == null) {
            return HandshakeDecision.refuse(Refusal.NO_SESSION);
        }
        // The key first, in constant time: without it, nothing else about the session is revealed.
        if (!ListeningKeys.matches(token, row.keyHash())) {
            return HandshakeDecision.refuse(Refusal.INVALID_KEY);
        }
        if (!identity.id().equals(row.gatewayId())) {
            return HandshakeDecision.refuse(Refusal.WRONG_GATEWAY);
        }
        if (row.acked()) {
            return HandshakeDecision.refuse(Refusal.ALREADY_CONNECTED);
        }
        return HandshakeDecision.accept(
                new Admission(userId, row.sessionId(), identity.answerPartition(row.deliveryPartition())));
    }
}

package io.signaling.relay.topology;

import io.signaling.relay.topology.GatewayLiveness.Loss;
import io.signaling.schemas.gateway.GatewayHeartbeat;
import io.signaling.schemas.session.DeleteReason;
import io.signaling.schemas.session.SessionDeleted;
import io.signaling.schemas.session.SessionExpired;
import io.signaling.schemas.session.SessionState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.Punctuator;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wall-clock punctuation over this task's sessions: the two ways a session ends without
 * anyone asking. A session never acked by its TTL expires and frees its userId; a session
 * whose gateway is lost ({@link GatewayLiveness}) is deleted {@code gateway-lost}. Either
 * way what was held for it is answered {@code recipient-unavailable} (a batch in this
 * run, the rest by {@link HeldWork}), and from then on signals to that user find no
 * session. A full scan of the task's store (local RocksDB, no Kafka reads) and of the
 * gateways (a handful) each interval: cheap for the thousands of sessions a task holds;
 * an index by expiresAt and gateway would be the next step beyond that.
 */
final class SessionSweep implements Punctuator {

    private static final Logger log = LoggerFactory.getLogger(SessionSweep.class);

    private final SessionLedger ledger;

    private final ReadOnlyKeyValueStore<String, GatewayHeartbeat> gateways;

    private final Duration gatewayTimeout;

    /**
     * Wall-clock time since which some gateway has been heard without a break; null while
     * none is.
     */
    private Instant hearingSince;

    /** When this sweep last ran; null before its first run. */
    private Instant lastRun;

    SessionSweep(SessionLedger ledger, ReadOnlyKeyValueStore<String, GatewayHeartbeat> gateways,
            Duration gatewayTimeout) {
        this.ledger = ledger;
        this.gateways = gateways;
        this.gatewayTimeout = gatewayTimeout;
    }

    @Override
    public void punctuate(long timestamp) {
        Instant now = Instant.ofEpochMilli(timestamp);
        Map<String, GatewayHeartbeat> heartbeats = heartbeats();
        // A sweep that could not run for half a timeout (its stream thread blocked, e.g.
        // in a commit while the only broker restarted) did not hear anyone meanwhile
        // either: a break, so every gateway gets a whole timeout from now.
        boolean wasBlind = lastRun != null && lastRun.plus(gatewayTimeout.dividedBy(2)).isBefore(now);
        lastRun = now;
        if (wasBlind || !GatewayLiveness.hearsAnyGateway(heartbeats, now, gatewayTimeout)) {
            hearingSince = null;
        }
        if (hearingSince == null && GatewayLiveness.hearsAnyGateway(heartbeats, now, gatewayTimeout)) {
            hearingSince = now;
        }
        boolean judgeSilence = hearingSince != null && !hearingSince.plus(gatewayTimeout).isAfter(now);
        GatewayLiveness liveness = new GatewayLiveness(heartbeats, now, gatewayTimeout, judgeSilence);
        List<SessionState> expired = new ArrayList<>();
        Map<String, Map<Loss, List<SessionState>>> lost = new TreeMap<>();
        // Collect first: the store must not change under an open iterator.
        try (KeyValueIterator<String, SessionState> rows = ledger.all()) {
            while (rows.hasNext()) {
                SessionState session = rows.next().value;
                if (isExpired(session, now)) {
                    expired.add(session);
                    continue;
                }
                Loss loss = session == null ? null : liveness.loss(session);
                if (loss != null) {
                    lost.computeIfAbsent(session.gatewayId(), id -> new TreeMap<>())
                        .computeIfAbsent(loss, l -> new ArrayList<>())
                        .add(session);
                }
            }
        }
        // One batch of held signals answered in this run for all the sessions it ends;
        // the rest later.
        int[] budget = { ledger.batchSize() };
        for (SessionState session : expired) {
            budget[0] -= ledger.end(new SessionExpired(session.userId(), session.sessionId(), now), timestamp,
                    budget[0]);
        }
        lost.forEach((gatewayId, byLoss) -> byLoss.forEach((loss, sessions) -> {
            log.warn("Gateway {} {}: ending {} of its sessions with gateway-lost", gatewayId, loss.description(),
                    sessions.size());
            for (SessionState session : sessions) {
                budget[0] -= ledger.end(
                        new SessionDeleted(session.userId(), session.sessionId(), DeleteReason.GATEWAY_LOST, now),
                        timestamp, budget[0]);
            }
        }));
    }

    static boolean isExpired(SessionState session, Instant now) {
        return session != null && !session.acked() && session.expiresAt() != null && !session.expiresAt().isAfter(now);
    }

    private Map<String, GatewayHeartbeat> heartbeats() {
        Map<String, GatewayHeartbeat> all = new HashMap<>();
        try (KeyValueIterator<String, GatewayHeartbeat> it = gateways.all()) {
            while (it.hasNext()) {
                KeyValue<String, GatewayHeartbeat> entry = it.next();
                if (entry.value != null) {
                    all.put(entry.key, entry.value);
                }
            }
        }
        return all;
    }

}

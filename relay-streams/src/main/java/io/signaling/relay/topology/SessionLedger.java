package io.signaling.relay.topology;

import io.signaling.relay.topology.RelayMetrics.Outcome;
import io.signaling.schemas.delivery.Delivery;
import io.signaling.schemas.session.SessionEvent;
import io.signaling.schemas.session.SessionState;
import io.signaling.schemas.session.SessionTable;
import io.signaling.schemas.signal.SignalAccepted;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where a processor changes state and emits output: every session change goes
 * through {@link #apply} (the {@link SessionTable#evolve} fold, then store, row and event
 * together), every signal through {@link #route}. One ledger per processor instance, because
 * {@code forward} reaches only that processor's sinks.
 */
final class SessionLedger {

    private static final Logger log = LoggerFactory.getLogger(SessionLedger.class);
    private static final StringSerializer PREFIX_SERIALIZER = new StringSerializer();

    private final ProcessorContext<String, Object> context;
    private final KeyValueStore<String, SessionState> sessions;
    private final KeyValueStore<String, HeldSignal> held;
    private final RelayMetrics metrics;

    SessionLedger(ProcessorContext<String, Object> context) {
        this.context = context;
        this.sessions = context.getStateStore(SignalingTopology.SESSIONS_STORE);
        this.held = context.getStateStore(SignalingTopology.HELD_SIGNALS_STORE);
        this.metrics = RelayMetrics.from(context.appConfigs());
    }

    /** Wall-clock now: the driver's mock clock in tests, so expiry is testable without sleeping. */
    Instant now() {
        return Instant.ofEpochMilli(context.currentSystemTimeMs());
    }

    SessionState current(String userId) {
        return sessions.get(userId);
    }

    KeyValueIterator<String, SessionState> all() {
        return sessions.all();
    }

    /**
     * Emits {@code event} and applies it to the table through the fold; the row (or tombstone) is
     * written and emitted only when the fold changed it, so a replayed event leaves no trace but itself.
     */
    SessionState apply(SessionEvent event, long timestamp) {
        SessionState current = sessions.get(event.userId());
        SessionState next = SessionTable.evolve(current, event);
        context.forward(new Record<String, Object>(event.userId(), event, timestamp),
                SignalingTopology.SESSION_EVENTS_SINK);
        if (!Objects.equals(current, next)) {
            if (next == null) {
                sessions.delete(event.userId());
            }
            else {
                sessions.put(event.userId(), next);
            }
            context.forward(new Record<String, Object>(event.userId(), next, timestamp),
                    SignalingTopology.SESSIONS_SINK);
        }
        return next;
    }

    /** Applies an event that ends the session, then answers everything held for it. */
    void end(SessionEvent event, long timestamp) {
        apply(event, timestamp);
        for (KeyValue<String, HeldSignal> entry : heldFor(event.userId())) {
            held.delete(entry.key);
            HeldSignal h = entry.value;
            reject(Deliveries.rejection(h.signal(), h.sourcePartition(), h.sourceOffset(), Deliveries.SESSION_ENDED),
                    timestamp);
        }
    }

    /** Routes a signal read from the signals topic by the state of its recipient (the record's key). */
    void route(SignalAccepted signal, int sourcePartition, long sourceOffset, long timestamp) {
        SessionState recipient = sessions.get(signal.to());
        if (recipient == null) {
            reject(Deliveries.rejection(signal, sourcePartition, sourceOffset, Deliveries.NO_SESSION), timestamp);
        }
        else if (recipient.acked()) {
            deliver(recipient, signal, sourcePartition, sourceOffset, timestamp);
        }
        else {
            held.put(HeldSignal.key(signal.to(), sourceOffset), new HeldSignal(signal, sourcePartition, sourceOffset));
            metrics.routed(Outcome.HELD);
        }
    }

    /** Delivers, in source-offset order, everything held for a recipient that has just connected. */
    void release(SessionState recipient, long timestamp) {
        for (KeyValue<String, HeldSignal> entry : heldFor(recipient.userId())) {
            held.delete(entry.key);
            HeldSignal h = entry.value;
            deliver(recipient, h.signal(), h.sourcePartition(), h.sourceOffset(), timestamp);
        }
    }

    void reject(Delivery rejection, long timestamp) {
        forward(rejection, timestamp);
        metrics.routed(Outcome.REJECTED);
    }

    /** Logs (coordinates only, never content) and counts an input that cannot be decided. */
    void skip(String problem) {
        RecordMetadata source = context.recordMetadata().orElse(null);
        String topic = source == null ? null : source.topic();
        log.warn("Skipping record topic={} partition={} offset={}: {}", topic,
                source == null ? -1 : source.partition(), source == null ? -1 : source.offset(), problem);
        metrics.skipped(topic);
    }

    private void deliver(SessionState recipient, SignalAccepted signal, int sourcePartition, long sourceOffset,
            long timestamp) {
        forward(Deliveries.delivery(recipient, signal, sourcePartition, sourceOffset), timestamp);
        metrics.routed(Outcome.DELIVERED);
    }

    private void forward(Delivery delivery, long timestamp) {
        context.forward(new Record<String, Object>(delivery.userId(), delivery, timestamp),
                SignalingTopology.DELIVERIES_SINK);
    }

    /** Held signals of one user in key order (= offset order), read fully before the caller deletes any. */
    private List<KeyValue<String, HeldSignal>> heldFor(String userId) {
        List<KeyValue<String, HeldSignal>> result = new ArrayList<>();
        try (KeyValueIterator<String, HeldSignal> it = held.prefixScan(HeldSignal.prefix(userId), PREFIX_SERIALIZER)) {
            it.forEachRemaining(result::add);
        }
        return result;
    }
}

package io.signaling.relay.topology;

import io.signaling.relay.topology.HeldBacklog.Status;
import io.signaling.relay.topology.RelayMetrics.Failure;
import io.signaling.relay.topology.RelayMetrics.Outcome;
import io.signaling.schemas.delivery.Delivery;
import io.signaling.schemas.delivery.RejectionReason;
import io.signaling.schemas.session.SessionEvent;
import io.signaling.schemas.session.SessionState;
import io.signaling.schemas.session.SessionTable;
import io.signaling.schemas.signal.SignalAccepted;
import io.signaling.schemas.topic.Topics;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where a processor changes state and emits output: every session change
 * goes through {@link #apply} (the {@link SessionTable#evolve} fold, then store, row and
 * event together), every signal through {@link #route}. One ledger per processor
 * instance, because {@code forward} reaches only that processor's sinks.
 *
 * <p>
 * No signal can stop the relay: whatever goes wrong while one signal is routed, held,
 * released or answered (other than Kafka Streams' own errors, which are its to handle)
 * answers that signal's sender {@code recipient-unavailable}, is counted, logged by
 * coordinates only, and the relay moves on. Held signals are delivered or answered at
 * most a batch at a time ({@link HeldWork}).
 */
final class SessionLedger {

    private static final Logger log = LoggerFactory.getLogger(SessionLedger.class);

    /** What became of one recipient's backlog in one call of {@link #work}. */
    record Progress(int taken, boolean finished) {
    }

    private final ProcessorContext<String, Object> context;

    private final KeyValueStore<String, SessionState> sessions;

    private final HeldSignals held;

    private final RelayMetrics metrics;

    private final RelaySettings settings;

    private final HeldWork work;

    private final String signalsTopic;

    private final Deserializer<SignalAccepted> signalReader;

    private final String deliveriesTopic;

    private final Serializer<Delivery> deliveryWriter;

    SessionLedger(ProcessorContext<String, Object> context, Topics topics, RelaySettings settings) {
        this.context = context;
        this.sessions = context.getStateStore(SignalingTopology.SESSIONS_STORE);
        this.held = new HeldSignals(context, settings.held());
        this.metrics = RelayMetrics.from(context.appConfigs());
        this.settings = settings;
        this.work = new HeldWork(this, settings.held().batchSize());
        this.signalsTopic = topics.signals().name();
        this.signalReader = topics.signals().valueSerde().deserializer();
        this.deliveriesTopic = topics.deliveries().name();
        this.deliveryWriter = topics.deliveries().valueSerde().serializer();
    }

    /**
     * Works off, a batch per interval, the backlogs this ledger started releasing or
     * answering; with {@code recover}, also those left unfinished when the task last
     * stopped (one processor of the task recovers them for all).
     */
    void scheduleHeldWork(boolean recover) {
        if (recover) {
            held.unfinished().forEach(work::add);
        }
        context.schedule(settings.held().batchInterval(), PunctuationType.WALL_CLOCK_TIME, work);
    }

    int batchSize() {
        return settings.held().batchSize();
    }

    /**
     * Wall-clock now: the driver's mock clock in tests, so expiry is testable without
     * sleeping.
     */
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
     * Emits {@code event} and applies it to the table through the fold; the row (or
     * tombstone) is written and emitted only when the fold changed it, so a replayed
     * event leaves no trace but itself.
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

    /**
     * Applies an event that ends the session, then answers what was held for it: up to
     * {@code budget} signals now, the rest a batch at a time. Returns how many it
     * answered now.
     */
    int end(SessionEvent event, long timestamp, int budget) {
        apply(event, timestamp);
        return start(event.userId(), timestamp, budget);
    }

    /**
     * Delivers, in order, what was held for a recipient that has just connected: a batch
     * now, the rest later.
     */
    void release(SessionState recipient, long timestamp) {
        start(recipient.userId(), timestamp, batchSize());
    }

    /**
     * Answers everything still held for an earlier session of {@code userId}, before a
     * new session may hold anything: held signals are one queue per userId. Bounded by
     * the per-recipient bound.
     */
    void finishHeld(String userId, long timestamp) {
        while (held.backlog(userId) != null) {
            work(userId, timestamp, batchSize());
        }
        work.remove(userId);
    }

    /**
     * Routes a signal read from the signals topic by the state of its recipient (the
     * record's key).
     */
    void route(RawSignal raw, int sourcePartition, long sourceOffset, long timestamp) {
        SignalAccepted signal = raw.signal();
        guarded(signal, sourcePartition, sourceOffset, timestamp, () -> {
            SessionState recipient = sessions.get(signal.to());
            if (recipient == null) {
                reject(Deliveries.rejection(signal, sourcePartition, sourceOffset, RejectionReason.NO_SESSION),
                        timestamp);
                return;
            }
            if (recipient.acked() && held.backlog(signal.to()) == null) {
                deliver(recipient, signal, sourcePartition, sourceOffset, timestamp);
                return;
            }
            // Not connected yet, or connected with older signals still being released:
            // behind them, in order.
            if (raw.json().length > settings.maxRecordBytes()) {
                fail(signal, sourcePartition, sourceOffset, timestamp, Failure.TOO_LARGE);
            }
            else if (!held.hold(recipient, raw, sourcePartition, sourceOffset)) {
                fail(signal, sourcePartition, sourceOffset, timestamp, Failure.HELD_LIMIT);
            }
            else {
                metrics.routed(Outcome.HELD);
                if (recipient.acked()) {
                    work.add(signal.to());
                }
            }
        });
    }

    /**
     * Delivers (the recipient's session is live and acked) or answers (it is not) up to
     * {@code budget} of the signals held for {@code userId}, oldest first.
     */
    Progress work(String userId, long timestamp, int budget) {
        HeldBacklog backlog = held.backlog(userId);
        if (backlog == null) {
            return new Progress(0, true);
        }
        SessionState session = sessions.get(userId);
        boolean live = session != null && session.sessionId().equals(backlog.sessionId());
        Status status = backlog.status() == Status.REJECTING || !live ? Status.REJECTING
                : session.acked() ? Status.RELEASING : Status.HOLDING;
        held.mark(userId, backlog, status);
        if (status == Status.HOLDING) {
            return new Progress(0, true); // waiting for its connection: nothing to do
                                          // until then
        }
        List<HeldSignal> batch = held.take(userId, budget);
        for (HeldSignal h : batch) {
            SignalAccepted signal = read(h);
            if (signal == null) {
                continue;
            }
            if (status == Status.RELEASING) {
                guarded(signal, h.sourcePartition(), h.sourceOffset(), timestamp,
                        () -> deliver(session, signal, h.sourcePartition(), h.sourceOffset(), timestamp));
            }
            else {
                guarded(signal, h.sourcePartition(), h.sourceOffset(), timestamp,
                        () -> reject(Deliveries.rejection(signal, h.sourcePartition(), h.sourceOffset(),
                                RejectionReason.SESSION_ENDED), timestamp));
            }
        }
        return new Progress(batch.size(), held.backlog(userId) == null);
    }

    void reject(Delivery rejection, long timestamp) {
        forward(rejection.userId(), encode(rejection), timestamp);
        metrics.routed(Outcome.REJECTED);
    }

    /**
     * Logs (coordinates only, never content) and counts an input that cannot be decided.
     */
    void skip(String problem) {
        RecordMetadata source = context.recordMetadata().orElse(null);
        String topic = source == null ? null : source.topic();
        log.warn("Skipping record topic={} partition={} offset={}: {}", topic, source == null ? -1 : source.partition(),
                source == null ? -1 : source.offset(), problem);
        metrics.skipped(topic);
    }

    private int start(String userId, long timestamp, int budget) {
        if (held.backlog(userId) == null) {
            return 0;
        }
        work.add(userId); // first: should this batch fail half-way, the rest is still
                          // worked off
        Progress progress = work(userId, timestamp, budget);
        if (progress.finished()) {
            work.remove(userId);
        }
        return progress.taken();
    }

    private void deliver(SessionState recipient, SignalAccepted signal, int sourcePartition, long sourceOffset,
            long timestamp) {
        EncodedDelivery delivery = encode(Deliveries.delivery(recipient, signal, sourcePartition, sourceOffset));
        if (delivery.json().length > settings.maxRecordBytes()) {
            fail(signal, sourcePartition, sourceOffset, timestamp, Failure.TOO_LARGE);
            return;
        }
        forward(recipient.userId(), delivery, timestamp);
        metrics.routed(Outcome.DELIVERED);
    }

    /**
     * Runs what one signal needs; should it fail, answers the sender instead. Kafka
     * Streams' own exceptions (a lost task, a fatal producer error) are not the signal's
     * doing and go on up.
     */
    private void guarded(SignalAccepted signal, int sourcePartition, long sourceOffset, long timestamp, Runnable step) {
        try {
            step.run();
        }
        catch (StreamsException e) {
            throw e;
        }
        catch (RuntimeException e) {
            // The exception's class, never its message: it may quote the content.
            log.warn("Signal topic={} partition={} offset={} could not be routed ({}); answering its sender",
                    signalsTopic, sourcePartition, sourceOffset, e.getClass().getName());
            fail(signal, sourcePartition, sourceOffset, timestamp, Failure.PROCESSING_ERROR);
        }
    }

    private void fail(SignalAccepted signal, int sourcePartition, long sourceOffset, long timestamp, Failure failure) {
        metrics.failed(failure);
        reject(Deliveries.rejection(signal, sourcePartition, sourceOffset, failure.reason()), timestamp);
    }

    /**
     * The held signal's record, read back from the very bytes it was read from before.
     */
    private SignalAccepted read(HeldSignal h) {
        try {
            if (h.readable()) {
                return signalReader.deserialize(signalsTopic, h.signal());
            }
        }
        catch (RuntimeException e) {
            // falls through: the sender cannot be known, so it cannot be answered
        }
        log.warn("Dropping an unreadable held signal partition={} offset={}", h.sourcePartition(), h.sourceOffset());
        metrics.skipped(SignalingTopology.HELD_SIGNALS_STORE);
        return null;
    }

    private EncodedDelivery encode(Delivery delivery) {
        return new EncodedDelivery(delivery.deliveryPartition(), deliveryWriter.serialize(deliveriesTopic, delivery));
    }

    private void forward(String userId, EncodedDelivery delivery, long timestamp) {
        context.forward(new Record<String, Object>(userId, delivery, timestamp), SignalingTopology.DELIVERIES_SINK);
    }

}

package io.signaling.relay.topology;

import io.signaling.relay.topology.HeldBacklog.Status;
import io.signaling.schemas.session.SessionState;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The signals held for recipients that have not connected, and one {@link HeldBacklog}
 * per recipient that has any: the two stores change together only here. The backlog makes
 * the bound a point lookup, and says whether what is held is to be delivered or answered.
 */
final class HeldSignals {

    private static final StringSerializer PREFIX_SERIALIZER = new StringSerializer();

    private final KeyValueStore<String, HeldSignal> signals;

    private final KeyValueStore<String, HeldBacklog> backlogs;

    private final RelaySettings.Held limits;

    HeldSignals(ProcessorContext<?, ?> context, RelaySettings.Held limits) {
        this.signals = context.getStateStore(SignalingTopology.HELD_SIGNALS_STORE);
        this.backlogs = context.getStateStore(SignalingTopology.HELD_BACKLOGS_STORE);
        this.limits = limits;
    }

    HeldBacklog backlog(String userId) {
        return backlogs.get(userId);
    }

    /**
     * Holds a signal for {@code recipient}'s session, behind everything held for it
     * already; false, holding nothing, when that would pass the per-recipient bound.
     * Holding a record again (a replay after a crash) changes nothing.
     */
    boolean hold(SessionState recipient, RawSignal raw, int sourcePartition, long sourceOffset) {
        String key = HeldSignal.key(recipient.userId(), sourceOffset);
        HeldBacklog backlog = backlogs.get(recipient.userId());
        if (backlog != null && signals.get(key) != null) {
            return true;
        }
        int size = raw.json().length;
        long count = backlog == null ? 0 : backlog.count();
        long bytes = backlog == null ? 0 : backlog.bytes();
        if (count + 1 > limits.maxSignals() || bytes + size > limits.maxBytes()) {
            return false;
        }
        signals.put(key, new HeldSignal(raw.json(), sourcePartition, sourceOffset));
        backlogs.put(recipient.userId(),
                backlog == null ? new HeldBacklog(recipient.sessionId(), 1, size, Status.HOLDING) : backlog.plus(size));
        return true;
    }

    void mark(String userId, HeldBacklog backlog, Status status) {
        if (backlog.status() != status) {
            backlogs.put(userId, backlog.with(status));
        }
    }

    /**
     * Takes (deletes) the oldest {@code max} signals held for {@code userId}, in delivery
     * order, and updates its backlog; the backlog goes once nothing is left. Reads no
     * more than it takes.
     */
    List<HeldSignal> take(String userId, int max) {
        List<KeyValue<String, HeldSignal>> batch = new ArrayList<>(Math.min(max, 256));
        boolean more;
        try (KeyValueIterator<String, HeldSignal> it = signals.prefixScan(HeldSignal.prefix(userId),
                PREFIX_SERIALIZER)) {
            while (batch.size() < max && it.hasNext()) {
                batch.add(it.next());
            }
            more = it.hasNext();
        }
        List<HeldSignal> taken = new ArrayList<>(batch.size());
        long size = 0;
        for (KeyValue<String, HeldSignal> entry : batch) {
            signals.delete(entry.key);
            taken.add(entry.value);
            size += entry.value.size();
        }
        HeldBacklog backlog = backlogs.get(userId);
        if (!more) {
            if (backlog != null) {
                backlogs.delete(userId);
            }
        }
        else if (backlog != null) {
            backlogs.put(userId, backlog.minus(taken.size(), size));
        }
        return taken;
    }

    /**
     * Recipients whose held signals were being delivered or answered, e.g. when this task
     * last stopped.
     */
    List<String> unfinished() {
        List<String> users = new ArrayList<>();
        try (KeyValueIterator<String, HeldBacklog> it = backlogs.all()) {
            it.forEachRemaining(entry -> {
                if (entry.value != null) {
                    users.add(entry.key);
                }
            });
        }
        return users;
    }

}

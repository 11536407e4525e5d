package io.signaling.relay.topology;

import io.signaling.relay.topology.SessionLedger.Progress;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.streams.processor.Punctuator;

/**
 * Wall-clock punctuation that works off held signals a batch at a time: released to a
 * recipient that connected, or answered for a session that ended, round-robin over the
 * recipients that have some, at most {@code batchSize} signals per run in all. Between
 * runs the task processes its records, so a full backlog (or a sweep that ended thousands
 * of sessions) never holds it for long. Which recipients are pending is kept in memory; a
 * task that starts finds them in {@code held-backlogs-store}
 * ({@link SessionLedger#scheduleHeldWork}).
 */
final class HeldWork implements Punctuator {

    private final SessionLedger ledger;

    private final int batchSize;

    private final Set<String> pending = new LinkedHashSet<>();

    HeldWork(SessionLedger ledger, int batchSize) {
        this.ledger = ledger;
        this.batchSize = batchSize;
    }

    void add(String userId) {
        pending.add(userId);
    }

    void remove(String userId) {
        pending.remove(userId);
    }

    @Override
    public void punctuate(long timestamp) {
        int budget = batchSize;
        for (String userId : List.copyOf(pending)) {
            if (budget <= 0) {
                return;
            }
            Progress progress = ledger.work(userId, timestamp, budget);
            budget -= progress.taken();
            pending.remove(userId);
            if (!progress.finished()) {
                pending.add(userId); // to the back: the others get their turn first
            }
        }
    }

}

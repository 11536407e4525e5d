package io.signaling.relay.topology;

import io.signaling.schemas.session.SessionExpired;
import io.signaling.schemas.session.SessionState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.Punctuator;
import org.apache.kafka.streams.state.KeyValueIterator;

/**
 * Wall-clock punctuation: sessions never acked by their TTL expire and free their userId. A full
 * scan of this task's sessions store (local RocksDB, no Kafka reads) each interval: cheap for the
 * thousands of sessions a task holds; an index by expiresAt would be the next step beyond that.
 */
final class SessionExpiry implements Punctuator {

    private final SessionLedger ledger;

    SessionExpiry(SessionLedger ledger) {
        this.ledger = ledger;
    }

    @Override
    public void punctuate(long timestamp) {
        Instant now = Instant.ofEpochMilli(timestamp);
        List<SessionState> expired = new ArrayList<>();
        // Collect first: the store must not change under an open iterator.
        try (KeyValueIterator<String, SessionState> rows = ledger.all()) {
            while (rows.hasNext()) {
                KeyValue<String, SessionState> row = rows.next();
                if (isExpired(row.value, now)) {
                    expired.add(row.value);
                }
            }
        }
        for (SessionState session : expired) {
            ledger.end(new SessionExpired(session.userId(), session.sessionId(), now), timestamp);
        }
    }

    static boolean isExpired(SessionState session, Instant now) {
        return session != null && !session.acked() && session.expiresAt() != null && !session.expiresAt().isAfter(now);
    }
}

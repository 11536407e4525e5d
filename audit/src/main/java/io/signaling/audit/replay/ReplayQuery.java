package io.signaling.audit.replay;

import java.time.Instant;

/**
 * What to replay: an optional user (as session owner, sender or recipient) and an
 * optional time range, both ends inclusive.
 */
public record ReplayQuery(String user, Instant since, Instant until, boolean redact) {

    public boolean inRange(Instant at) {
        return (since == null || !at.isBefore(since)) && (until == null || !at.isAfter(until));
    }
}

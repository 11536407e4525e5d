package io.signaling.gateway.signal;

import io.signaling.schemas.signal.SignalAccepted;
import java.util.concurrent.CompletableFuture;

/**
 * Where accepted frames go: the signal log. Completes once the record is durably written.
 */
public interface SignalSink {

    /**
     * Completes with where the record landed: a rejection of the signal names this
     * position.
     */
    CompletableFuture<Position> append(SignalAccepted signal);

    /** A record's place in the signals topic. */
    record Position(int partition, long offset) {
    }

}

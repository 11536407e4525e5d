package io.signaling.gateway.signal;

import io.signaling.schemas.signal.SignalAccepted;
import java.util.concurrent.CompletableFuture;

/**
 * Where accepted frames go: the signal log, or for a recipient whose pair is on the
 * direct path ({@link PairPaths}), its gateway's deliveries partition. Completes once the
 * record is durably written.
 */
public interface SignalSink {

    /**
     * Completes with where the record landed: a rejection of the signal names this
     * position. {@code paths} is the sender session's.
     */
    CompletableFuture<Position> append(SignalAccepted signal, PairPaths paths);

    /**
     * A record's place: in the signals topic, or for a signal written straight to the
     * recipient's gateway, {@code SignalDelivery.directSource} of its deliveries
     * partition and its offset there.
     */
    record Position(int partition, long offset) {
    }

}

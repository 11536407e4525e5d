package io.signaling.gateway.signal;

import io.signaling.schemas.signal.SignalAccepted;
import java.util.concurrent.CompletableFuture;

/** Where accepted frames go: the signal log. Completes once the record is durably written. */
interface SignalSink {

    CompletableFuture<Void> append(SignalAccepted signal);
}

package io.signaling.gateway.delivery;

import io.signaling.schemas.delivery.SignalDelivery;

/**
 * Where a connection hands the signals it took but could not write (queued when it was
 * closed as a slow consumer, or written after its last answered ping when it was lost):
 * each is answered to its sender with {@code recipient-unavailable} through the relay.
 * Callable from any thread.
 */
public interface LostSignals {

    void lost(SignalDelivery signal);

}

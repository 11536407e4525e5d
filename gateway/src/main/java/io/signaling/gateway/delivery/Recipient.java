package io.signaling.gateway.delivery;

import io.signaling.schemas.delivery.SignalDelivery;

/** A connected user as the delivery side sees it. */
public interface Recipient {

    String sessionId();

    DeliveryDedup dedup();

    /**
     * Queues one frame for the client; false when the connection is gone. Callable from
     * any thread, never blocks.
     */
    boolean send(String frame);

    /**
     * Queues the error frame of a rejection of this connection's signal at
     * {@code sourcePartition}/ {@code sourceOffset}, never before that signal's ack.
     * Callable from any thread, never blocks.
     */
    void reject(int sourcePartition, long sourceOffset, String frame);

    /**
     * The relay answered (delivered, or rejected) this connection's signal to {@code to}
     * at {@code sourcePartition}/{@code sourceOffset}: the pair may go direct once all
     * its relay-path signals are answered.
     */
    void relayAnswered(String to, int sourcePartition, long sourceOffset);

    /**
     * Queues the frame of a signal; false when the connection is gone (the caller reports
     * it). Once true, the connection writes it or hands it to {@link LostSignals}: it is
     * never dropped silently.
     */
    boolean deliver(SignalDelivery signal, String frame);

}

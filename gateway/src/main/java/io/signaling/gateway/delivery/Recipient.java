package io.signaling.gateway.delivery;

/** A connected user as the delivery side sees it. */
public interface Recipient {

    String sessionId();

    DeliveryDedup dedup();

    /** Sends one frame to the client; false when the connection is gone. Callable from any thread. */
    boolean send(String frame);
}

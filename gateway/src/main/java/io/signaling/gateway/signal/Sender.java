package io.signaling.gateway.signal;

/** The side of a connection that sends frames in: who it is, its rate limit, and a way to answer it. */
public interface Sender {

    String userId();

    String sessionId();

    /** The deliveries partition where this gateway reads the answers for this sender. */
    int deliveryPartition();

    TokenBucket rateLimiter();

    /** Sends one frame to the client; false when the connection is gone. Callable from any thread. */
    boolean send(String frame);
}

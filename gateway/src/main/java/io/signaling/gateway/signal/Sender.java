package io.signaling.gateway.signal;

/**
 * The side of a connection that sends frames in: who it is, its rate limit, and a way to
 * answer it.
 */
public interface Sender {

    String userId();

    String sessionId();

    /** The deliveries partition where this gateway reads the answers for this sender. */
    int deliveryPartition();

    TokenBucket rateLimiter();

    /** Which of this session's recipients its signals may go to straight. */
    PairPaths paths();

    /**
     * Sends one frame to the client; false when the connection is gone. Callable from any
     * thread.
     */
    boolean send(String frame);

    /**
     * An append of this sender's signal starts: its answer ({@link #acked} or
     * {@link #notAppended}) follows.
     */
    void appending();

    /**
     * Sends the {@code ack} of the signal appended at {@code position}. A rejection of
     * that signal may have come first (the relay can answer before the producer's
     * callback runs): it follows the ack.
     */
    void acked(SignalSink.Position position, String ack);

    /**
     * Sends the error of an append that failed before its record left this process:
     * nothing was written.
     */
    void notAppended(String error);

    /**
     * An append whose outcome Kafka could not tell: the record may be in the log. Ends
     * the connection (no answer would be true).
     */
    void appendUncertain();

}

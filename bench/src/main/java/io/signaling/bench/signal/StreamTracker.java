package io.signaling.bench.signal;

import java.util.BitSet;

/**
 * The accounting of one sender→recipient stream: the sender numbers its signals 0, 1, 2,
 * … and the recipient reports what arrives. A signal seen twice is a duplicate; one that
 * arrives after a higher number did is reordered (the contract promises per-pair order);
 * one refused by the gateway (an {@code error} frame, e.g. {@code rate-limited}) was
 * never accepted and is not expected; anything else sent and not received is lost.
 * Thread-safe: the pacer, the sender's connection (acks, errors) and the recipient's
 * connection (deliveries) all report here.
 */
public final class StreamTracker {

    private final String sender;

    private final String recipient;

    private final BitSet received = new BitSet();

    private final BitSet refused = new BitSet();

    private final BitSet acked = new BitSet();

    private long sent;

    private long uniqueReceived;

    private long duplicates;

    private long reordered;

    private long highestReceived = -1;

    public StreamTracker(String sender, String recipient) {
        this.sender = sender;
        this.recipient = recipient;
    }

    public String sender() {
        return sender;
    }

    public String recipient() {
        return recipient;
    }

    /** The number of the next signal; counts it as sent. */
    public synchronized long nextSeq() {
        return sent++;
    }

    public synchronized void acked(long seq) {
        if (seq >= 0 && seq < sent) {
            acked.set(Math.toIntExact(seq));
        }
    }

    /** The gateway answered signal {@code seq} with an error: it was never accepted. */
    public synchronized void refused(long seq) {
        if (seq >= 0 && seq < sent) {
            refused.set(Math.toIntExact(seq));
        }
    }

    /** Signal {@code seq} arrived at the recipient. */
    public synchronized Arrival received(long seq) {
        if (seq < 0 || seq >= sent) {
            return Arrival.UNKNOWN;
        }
        int index = Math.toIntExact(seq);
        if (received.get(index)) {
            duplicates++;
            return Arrival.DUPLICATE;
        }
        received.set(index);
        uniqueReceived++;
        if (seq < highestReceived) {
            reordered++;
            return Arrival.REORDERED;
        }
        highestReceived = seq;
        return Arrival.IN_ORDER;
    }

    /** Every signal sent has arrived or was refused. */
    public synchronized boolean settled() {
        return counts().lost() == 0;
    }

    public synchronized Counts counts() {
        BitSet refusedOnly = (BitSet) refused.clone();
        refusedOnly.andNot(received);
        long refusedCount = refusedOnly.cardinality();
        return new Counts(sent, acked.cardinality(), refusedCount, uniqueReceived, duplicates, reordered,
                Math.max(0, sent - uniqueReceived - refusedCount));
    }

    public enum Arrival {

        IN_ORDER, REORDERED, DUPLICATE,
        /** A number this stream never sent (another run's signal, or a corrupted one). */
        UNKNOWN

    }

    /**
     * @param refused sent, answered with an error frame, and (rightly) never delivered
     * @param received distinct signals delivered
     * @param lost sent, not refused, not (yet) delivered
     */
    public record Counts(long sent, long acked, long refused, long received, long duplicates, long reordered,
            long lost) {

        public static final Counts ZERO = new Counts(0, 0, 0, 0, 0, 0, 0);

        public Counts plus(Counts o) {
            return new Counts(sent + o.sent, acked + o.acked, refused + o.refused, received + o.received,
                    duplicates + o.duplicates, reordered + o.reordered, lost + o.lost);
        }
    }

}

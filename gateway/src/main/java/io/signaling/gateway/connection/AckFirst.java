package io.signaling.gateway.connection;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Keeps a rejection of a signal behind that signal's {@code ack} at one connection
 * (signaling-v1 §2: an ack means "in the log", a {@code recipient-unavailable} may follow
 * it). The ack is queued from the producer's callback, the rejection from the deliveries
 * consumer, and the relay can answer before the callback has run. A rejection names its
 * source record (signals partition and offset), and the producer runs the callbacks of
 * one partition in offset order: once an ack at offset {@code o} of partition {@code p}
 * is queued, every append of this connection at or below {@code o} in {@code p} has been
 * answered. A rejection above that waits here while appends are in flight, and goes out
 * right after the ack that covers it, or when no append is in flight any more (one whose
 * callback failed although the record may have landed ends the connection; its rejection
 * goes out before the close).
 *
 * <p>
 * Cheap on the hot path: one uncontended lock and a map of at most one entry per signals
 * partition; a rejection waits only in the rare race it exists for. Frames are queued
 * under the lock, so the outbox sees the ack before what it releases.
 */
final class AckFirst {

    private final Consumer<String> out;

    private final Map<Integer, Long> highestAnswered = new HashMap<>();

    private final List<Parked> parked = new ArrayList<>();

    private int inFlight;

    private record Parked(int partition, long offset, String frame) {
    }

    /** {@code out} queues a frame for the client. */
    AckFirst(Consumer<String> out) {
        this.out = out;
    }

    /** An append starts: its answer is owed before any rejection of it. */
    synchronized void appending() {
        inFlight++;
    }

    /**
     * The append at {@code partition}/{@code offset} is in the log: its ack, then the
     * rejections it covers.
     */
    synchronized void acked(int partition, long offset, String ack) {
        out.accept(ack);
        highestAnswered.merge(partition, offset, Math::max);
        inFlight--;
        release(partition, offset);
    }

    /**
     * The append failed: its error frame, or none ({@code null}) when the connection ends
     * instead. No position: the record may be in the log, so rejections wait no more.
     */
    synchronized void failed(String error) {
        if (error != null) {
            out.accept(error);
        }
        inFlight--;
        release(-1, -1);
    }

    /**
     * A rejection of the signal at {@code sourcePartition}/{@code sourceOffset}: now, or
     * after its ack.
     */
    synchronized void rejected(int sourcePartition, long sourceOffset, String frame) {
        if (inFlight <= 0 || sourceOffset <= highestAnswered.getOrDefault(sourcePartition, -1L)) {
            out.accept(frame);
        }
        else {
            parked.add(new Parked(sourcePartition, sourceOffset, frame));
        }
    }

    /** Rejections waiting for an ack. */
    synchronized int parked() {
        return parked.size();
    }

    private void release(int partition, long offset) {
        if (parked.isEmpty()) {
            return;
        }
        boolean all = inFlight <= 0;
        parked.removeIf(waiting -> {
            boolean covered = all || (waiting.partition() == partition && waiting.offset() <= offset);
            if (covered) {
                out.accept(waiting.frame());
            }
            return covered;
        });
    }

}

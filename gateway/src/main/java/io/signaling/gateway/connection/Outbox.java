package io.signaling.gateway.connection;

import io.signaling.gateway.delivery.LostSignals;
import io.signaling.gateway.frame.CloseCodes;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.CloseStatus;

/**
 * One connection's outgoing frames: acks, errors and deliveries in one queue, so the
 * client sees them in the order they were queued. Any thread may queue (the message
 * thread, the producer's callback, the deliveries consumer); none of them writes: the
 * first frame queued on an idle outbox hands one drain task to the writers, which writes
 * everything queued until the queue is empty; on xhr-polling, everything queued goes into
 * one poll's response. An HTTP transport between two requests (a poll answered, a stream
 * recycled) is not written to: its frames wait here until its next request
 * ({@link #resume}), so they are still counted, and answered if it never comes. What was
 * written is confirmed by a pong (websocket, {@link Pings}) or by the client's next
 * request (HTTP, {@link Requests}); what was not when the client is lost is answered too.
 *
 * <p>
 * Nothing is dropped silently: a frame is written, or, for a signal, handed to
 * {@link LostSignals} when the connection ends before it could be written. The outbox
 * declares its client a slow consumer ({@link Ends#gaveUp}) when its queue holds more
 * than {@code maxQueued} chars, or when frames wait and nothing was written for
 * {@code stallLimit}; the {@link ConnectionWatchdog} checks the latter, and the ping
 * deadline of the websocket transports.
 */
final class Outbox {

    private static final Logger log = LoggerFactory.getLogger(Outbox.class);

    /**
     * Frames and chars of one xhr-polling response at most: well within SockJS's cache
     * (1,000 messages).
     */
    static final int MAX_BATCH = 200;
    static final long MAX_BATCH_CHARS = 256 * 1024;

    /** Why the gateway gave up on a client. */
    enum Loss {

        QUEUE_FULL, WRITE_STALLED, PING_TIMEOUT, WRITE_FAILED

    }

    /** What the connection does when the outbox gives up on its client. */
    interface Ends {

        void gaveUp(Loss loss);

    }

    private final Transport transport;

    private final Executor writers;

    private final LostSignals lostSignals;

    private final LongSupplier nanoTime;

    private final long maxQueued;

    private final long stallNanos;

    private final long heartbeatNanos;

    private final Queue<Outgoing> queue = new ConcurrentLinkedQueue<>();

    private final AtomicLong queued = new AtomicLong();

    private final AtomicBoolean draining = new AtomicBoolean();

    private final AtomicBoolean dead = new AtomicBoolean();

    private final AtomicBoolean closing = new AtomicBoolean();

    private final Pings pings;

    private final Requests requests = new Requests();

    private volatile Ends ends;

    private volatile long progressAt;

    private volatile boolean writing;

    private volatile CloseStatus closeWith;

    Outbox(Transport transport, Executor writers, LostSignals lostSignals, LongSupplier nanoTime, long maxQueued,
            long stallNanos, long heartbeatNanos) {
        this.transport = transport;
        this.writers = writers;
        this.lostSignals = lostSignals;
        this.nanoTime = nanoTime;
        this.maxQueued = maxQueued;
        this.stallNanos = stallNanos;
        this.heartbeatNanos = heartbeatNanos;
        this.progressAt = nanoTime.getAsLong();
        this.pings = new Pings(progressAt);
    }

    void onEnd(Ends ends) {
        this.ends = ends;
    }

    /**
     * Queues a frame; false when the connection is gone (nothing was queued: the caller
     * still owns it). Never blocks. Over the limit, the frame is queued, and the client
     * closed as a slow consumer.
     */
    boolean offer(Outgoing item) {
        if (dead.get() || closing.get()) {
            return false;
        }
        long total = queued.addAndGet(item.size());
        queue.add(item);
        if (dead.get() && queue.remove(item)) {
            queued.addAndGet(-item.size());
            return false; // the connection ended meanwhile and nobody took it: still the
                          // caller's
        }
        if (total > maxQueued) {
            giveUp(Loss.QUEUE_FULL);
            return true; // taken: giveUp hands it on as lost
        }
        schedule();
        return true;
    }

    /**
     * Closes after what is queued (frames queued later are refused); the session's close
     * reports the end.
     */
    void close(CloseStatus status) {
        if (!dead.get() && closing.compareAndSet(false, true)) {
            queue.add(new Outgoing.Close(status));
            schedule();
        }
    }

    /**
     * The connection ended (closed by either side, or lost): whatever was not written is
     * handed on as lost, and with {@code lostUnconfirmed} also what was written but not
     * confirmed (by a pong, or by the HTTP client's next request).
     */
    void ended(boolean lostUnconfirmed) {
        dead.set(true);
        handOnQueued();
        if (lostUnconfirmed) {
            handOnUnconfirmed();
        }
    }

    /**
     * Called by the watchdog: a write stalled past the limit, or a ping not answered in
     * time.
     */
    void check(long now, long pingIntervalNanos, long pongTimeoutNanos) {
        if (dead.get()) {
            return;
        }
        boolean waiting = writing || !queue.isEmpty();
        if (waiting && now - progressAt > stallNanos) {
            giveUp(Loss.WRITE_STALLED);
            return;
        }
        if (transport.heartbeats() && !waiting && now - progressAt >= heartbeatNanos) {
            progressAt = now; // one heartbeat per quiet period, even before the writer
                              // got to it
            offer(new Outgoing.Heartbeat());
        }
        if (!transport.pings()) {
            return;
        }
        switch (pings.check(now, pingIntervalNanos, pongTimeoutNanos)) {
            case PING -> offer(new Outgoing.Ping(0));
            case TIMED_OUT -> giveUp(Loss.PING_TIMEOUT);
            case NOTHING -> {
            }
        }
    }

    /**
     * A pong with this payload arrived: what was written before that ping reached the
     * client.
     */
    void ponged(long sequence) {
        pings.ponged(sequence);
    }

    /**
     * A request of an HTTP-transport client begins (before SockJS writes into it): its
     * proof of what it read.
     */
    void requested() {
        requests.begun();
    }

    /** Chars queued and not yet written. */
    long queuedChars() {
        return queued.get();
    }

    private void giveUp(Loss loss) {
        if (!dead.compareAndSet(false, true)) {
            return;
        }
        handOnQueued();
        if (loss == Loss.PING_TIMEOUT) {
            handOnUnconfirmed();
        }
        Ends current = ends;
        if (current != null) {
            current.gaveUp(loss);
        }
        CloseStatus status = loss == Loss.PING_TIMEOUT || loss == Loss.WRITE_FAILED ? CloseCodes.CONNECTION_LOST
                : CloseCodes.SLOW_CONSUMER;
        closeWith = status;
        if (writing) {
            // The writer is stuck in a write that may never return: close the socket
            // under it.
            writers.execute(() -> transport.abort(status));
        }
        else {
            schedule(); // the writer closes, after nothing
        }
    }

    private void schedule() {
        if (draining.compareAndSet(false, true)) {
            progressAt = nanoTime.getAsLong(); // frames wait from now on
            try {
                writers.execute(this::drain);
            }
            catch (RuntimeException e) { // the writers are shut down: the gateway is
                                         // stopping
                draining.set(false);
                ended(false);
            }
        }
    }

    /** An HTTP transport's next request arrived: what waited for it is written now. */
    void resume() {
        if (!queue.isEmpty()) {
            schedule();
        }
    }

    private void drain() {
        while (true) {
            Outgoing head = dead.get() ? null : queue.peek();
            if (head != null && !(head instanceof Outgoing.Close) && !transport.ready()) {
                // Between two requests of an HTTP transport: frames wait here, counted,
                // until resume().
                draining.set(false);
                if (transport.ready() && draining.compareAndSet(false, true)) {
                    continue;
                }
                return;
            }
            Outgoing next = head == null ? null : queue.poll();
            if (next == null) {
                if (dead.get()) {
                    closeTransport();
                    draining.set(false);
                    return;
                }
                draining.set(false);
                if (queue.isEmpty() || !draining.compareAndSet(false, true)) {
                    return;
                }
                continue;
            }
            if (next instanceof Outgoing.Frame frame && transport.batches()) {
                writeBatch(frame);
                continue;
            }
            writing = true;
            progressAt = nanoTime.getAsLong();
            try {
                write(next);
            }
            catch (IOException | RuntimeException e) {
                writing = false;
                log.debug("Write failed: {}", e.getClass().getSimpleName());
                if (next instanceof Outgoing.Frame frame && frame.signal() != null) {
                    lostSignals.lost(frame.signal());
                }
                queued.addAndGet(-next.size());
                giveUp(Loss.WRITE_FAILED);
                continue;
            }
            writing = false;
            progressAt = nanoTime.getAsLong();
            queued.addAndGet(-next.size());
        }
    }

    /**
     * Writes {@code first} and the frames queued right behind it (up to
     * {@link #MAX_BATCH} frames or {@link #MAX_BATCH_CHARS}) in one go: on xhr-polling,
     * one poll's response.
     */
    private void writeBatch(Outgoing.Frame first) {
        List<Outgoing.Frame> batch = new ArrayList<>();
        batch.add(first);
        long chars = first.size();
        Outgoing after = null; // taken from the queue behind the batch (another thread
                               // emptied it meanwhile)
        while (batch.size() < MAX_BATCH && chars < MAX_BATCH_CHARS && queue.peek() instanceof Outgoing.Frame) {
            Outgoing taken = queue.poll();
            if (taken instanceof Outgoing.Frame frame) {
                batch.add(frame);
                chars += frame.size();
            }
            else {
                after = taken;
                break;
            }
        }
        writing = true;
        progressAt = nanoTime.getAsLong();
        try {
            boolean intoOpenResponse = transport.writeAll(batch.stream().map(Outgoing.Frame::text).toList());
            for (Outgoing.Frame frame : batch) {
                wrote(frame, intoOpenResponse);
            }
            if (after != null) {
                write(after);
            }
        }
        catch (IOException | RuntimeException e) {
            writing = false;
            log.debug("Write failed: {}", e.getClass().getSimpleName());
            for (Outgoing.Frame frame : batch) {
                if (frame.signal() != null) {
                    lostSignals.lost(frame.signal());
                }
            }
            queued.addAndGet(-chars - (after == null ? 0 : after.size()));
            giveUp(Loss.WRITE_FAILED);
            return;
        }
        writing = false;
        progressAt = nanoTime.getAsLong();
        queued.addAndGet(-chars - (after == null ? 0 : after.size()));
    }

    private void write(Outgoing next) throws IOException {
        if (next instanceof Outgoing.Frame frame) {
            transport.write(frame.text());
            wrote(frame, false);
        }
        else if (next instanceof Outgoing.Ping) {
            transport.ping(pings.writing(nanoTime.getAsLong()));
        }
        else if (next instanceof Outgoing.Heartbeat) {
            transport.heartbeat();
        }
        else if (next instanceof Outgoing.Close close) {
            transport.close(close.status());
        }
    }

    /**
     * A frame was handed to the transport: a signal in it is unconfirmed until a pong or
     * the client's next request.
     */
    private void wrote(Outgoing.Frame frame, boolean intoOpenResponse) {
        if (frame.signal() == null) {
            return;
        }
        if (transport.pings()) {
            pings.wrote(frame.signal());
        }
        else if (transport.confirmsByRequests()) {
            requests.wrote(frame.signal(), intoOpenResponse);
        }
    }

    private void closeTransport() {
        CloseStatus status = closeWith;
        closeWith = null;
        if (status != null && transport.isOpen()) {
            try {
                transport.close(status);
            }
            catch (IOException | RuntimeException e) {
                log.debug("Close failed: {}", e.getClass().getSimpleName());
            }
        }
        handOnQueued();
    }

    private void handOnQueued() {
        Outgoing item;
        while ((item = queue.poll()) != null) {
            queued.addAndGet(-item.size());
            if (item instanceof Outgoing.Frame frame && frame.signal() != null) {
                lostSignals.lost(frame.signal());
            }
        }
    }

    private void handOnUnconfirmed() {
        pings.handOnUnconfirmed(lostSignals::lost);
        requests.handOnUnconfirmed(lostSignals::lost);
    }

}

package io.signaling.gateway.connection;

import io.signaling.gateway.delivery.LostSignals;
import io.signaling.gateway.frame.CloseCodes;
import java.io.IOException;
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
 * One connection's outgoing frames: acks, errors and deliveries in one queue, so the client sees
 * them in the order they were queued. Any thread may queue (the message thread, the producer's
 * callback, the deliveries consumer); none of them writes: the first frame queued on an idle
 * outbox hands one drain task to the writers, which writes everything queued until the queue is
 * empty. This is where a later change may write several frames in one go. A streaming HTTP
 * transport between two requests is not written to: its frames wait here until its next request
 * ({@link #resume}), so they are still counted, and answered if it never comes.
 *
 * <p>Nothing is dropped silently: a frame is written, or, for a signal, handed to
 * {@link LostSignals} when the connection ends before it could be written. The outbox declares
 * its client a slow consumer ({@link Ends#gaveUp}) when its queue holds more than {@code maxQueued}
 * chars, or when frames wait and nothing was written for {@code stallLimit}; the
 * {@link ConnectionWatchdog} checks the latter, and the ping deadline of the websocket transports.
 */
final class Outbox {

    private static final Logger log = LoggerFactory.getLogger(Outbox.class);

    /** Why the gateway gave up on a client. */
    enum Loss { QUEUE_FULL, WRITE_STALLED, PING_TIMEOUT, WRITE_FAILED }

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
    private volatile Ends ends;
    private volatile long progressAt;
    private volatile boolean writing;
    private volatile CloseStatus closeWith;

    Outbox(Transport transport, Executor writers, LostSignals lostSignals, LongSupplier nanoTime,
            long maxQueued, long stallNanos, long heartbeatNanos) {
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
     * Queues a frame; false when the connection is gone (nothing was queued: the caller still owns
     * it). Never blocks. Over the limit, the frame is queued, and the client closed as a slow consumer.
     */
    boolean offer(Outgoing item) {
        if (dead.get() || closing.get()) {
            return false;
        }
        long total = queued.addAndGet(item.size());
        queue.add(item);
        if (dead.get() && queue.remove(item)) {
            queued.addAndGet(-item.size());
            return false; // the connection ended meanwhile and nobody took it: still the caller's
        }
        if (total > maxQueued) {
            giveUp(Loss.QUEUE_FULL);
            return true; // taken: giveUp hands it on as lost
        }
        schedule();
        return true;
    }

    /** Closes after what is queued (frames queued later are refused); the session's close reports the end. */
    void close(CloseStatus status) {
        if (!dead.get() && closing.compareAndSet(false, true)) {
            queue.add(new Outgoing.Close(status));
            schedule();
        }
    }

    /** The connection ended (closed by either side, or lost): whatever was not written is handed on as lost. */
    void ended(boolean lostUnconfirmed) {
        dead.set(true);
        handOnQueued();
        if (lostUnconfirmed) {
            handOnUnconfirmed();
        }
    }

    /** Called by the watchdog: a write stalled past the limit, or a ping not answered in time. */
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
            progressAt = now; // one heartbeat per quiet period, even before the writer got to it
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

    /** A pong with this payload arrived: what was written before that ping reached the client. */
    void ponged(long sequence) {
        pings.ponged(sequence);
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
        CloseStatus status = loss == Loss.PING_TIMEOUT || loss == Loss.WRITE_FAILED
                ? CloseCodes.CONNECTION_LOST : CloseCodes.SLOW_CONSUMER;
        closeWith = status;
        if (writing) {
            // The writer is stuck in a write that may never return: close the socket under it.
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
            catch (RuntimeException e) { // the writers are shut down: the gateway is stopping
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
                // Between two requests of an HTTP transport: frames wait here, counted, until resume().
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

    private void write(Outgoing next) throws IOException {
        if (next instanceof Outgoing.Frame frame) {
            transport.write(frame.text());
            if (frame.signal() != null && transport.pings()) {
                pings.wrote(frame.signal());
            }
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
    }
}

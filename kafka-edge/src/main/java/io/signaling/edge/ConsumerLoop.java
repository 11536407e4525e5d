package io.signaling.edge;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One daemon thread that keeps a consumer reading until stopped, whatever fails. Any
 * exception out of the consumer or out of the {@link Reader} (a broker failure, a bug in
 * applying a record) closes the consumer and, after a back-off (1 s, doubling up to 8 s,
 * reset by a successful poll), opens a new one, which the reader positions again: the
 * service outlives a broker outage or a bad record instead of losing its reader while
 * looking alive. Until the new consumer has polled, {@link #isHealthy()} is false, and
 * the reader hears of the loss first ({@link Reader#lost}), so what it feeds can say it
 * is rebuilding.
 *
 * <p>
 * A failure is logged by its exception class and the frame that threw, never its message:
 * a message may quote a record. Stopping wakes the consumer out of its poll and waits for
 * the thread a bounded time, so a shutdown is never held by a broker that does not
 * answer.
 */
public final class ConsumerLoop {

    private static final Logger log = LoggerFactory.getLogger(ConsumerLoop.class);
    static final long FIRST_BACKOFF_MILLIS = 1_000;
    static final long MAX_BACKOFF_MILLIS = 8_000;

    /** What the loop feeds. Called on the loop's thread only. */
    public interface Reader {

        /**
         * A fresh consumer: assign and seek. Throwing counts as a failure like any other.
         */
        void opened(Consumer<String, byte[]> consumer);

        /** The records of one poll (possibly none). */
        void polled(Consumer<String, byte[]> consumer, ConsumerRecords<String, byte[]> records);

        /**
         * The consumer was lost to {@code failure}; a new one is opened after the
         * back-off.
         */
        default void lost(Throwable failure) {
        }

    }

    private final String name;

    private final Supplier<Consumer<String, byte[]>> open;

    private final Duration pollTimeout;

    private final Reader reader;

    private final CountDownLatch stopping = new CountDownLatch(1);

    private volatile boolean running;

    private volatile boolean healthy;

    private volatile String lastFailure;

    private volatile long failures;

    private volatile Consumer<String, byte[]> consumer;

    private Thread thread;

    public ConsumerLoop(String name, Supplier<Consumer<String, byte[]>> open, Duration pollTimeout, Reader reader) {
        this.name = name;
        this.open = open;
        this.pollTimeout = pollTimeout;
        this.reader = reader;
    }

    public synchronized void start() {
        running = true;
        thread = new Thread(this::run, name);
        thread.setDaemon(true);
        thread.start();
    }

    /** {@link #requestStop()} then {@link #awaitStop()}. */
    public void stop() {
        requestStop();
        awaitStop();
    }

    /** Ends the reading without waiting for it: a back-off is cut short, a poll woken. */
    public void requestStop() {
        running = false;
        healthy = false;
        stopping.countDown();
        Consumer<String, byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
    }

    /** Waits up to ten seconds for the thread to end. */
    public void awaitStop() {
        Thread current;
        synchronized (this) {
            current = thread;
        }
        if (current == null) {
            return;
        }
        try {
            current.join(TimeUnit.SECONDS.toMillis(10));
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * True from {@link #start()} until stopped (or until the thread died of an error no
     * loop survives).
     */
    public boolean isRunning() {
        return running;
    }

    /** True while running and the current consumer has polled since the last failure. */
    public boolean isHealthy() {
        return healthy;
    }

    /** The class of the last failure, or {@code null} if there was none. */
    public String lastFailure() {
        return lastFailure;
    }

    /** How many consumers were lost to failures since start. */
    public long failures() {
        return failures;
    }

    private void run() {
        long backoff = FIRST_BACKOFF_MILLIS;
        try {
            while (running) {
                try (Consumer<String, byte[]> c = open.get()) {
                    consumer = c;
                    reader.opened(c);
                    while (running) {
                        ConsumerRecords<String, byte[]> records = c.poll(pollTimeout);
                        reader.polled(c, records);
                        healthy = running;
                        backoff = FIRST_BACKOFF_MILLIS;
                    }
                }
                catch (WakeupException e) {
                    if (running) { // not ours: a wakeup from elsewhere is a lost consumer
                                   // like any other
                        backoff = lost(e, backoff);
                    }
                }
                catch (RuntimeException | LinkageError | AssertionError e) {
                    backoff = lost(e, backoff);
                }
                finally {
                    consumer = null;
                }
            }
        }
        catch (VirtualMachineError e) {
            // nothing sensible survives this: the loop ends and says so through
            // isRunning() and isHealthy()
            running = false;
            failed(e);
            tellReader(e);
            throw e;
        }
        finally {
            healthy = false;
        }
    }

    private long lost(Throwable e, long backoff) {
        failed(e);
        StackTraceElement[] frames = e.getStackTrace();
        log.warn("{} lost its consumer ({} at {}); reading again in {} ms", name, e.getClass().getName(),
                frames.length > 0 ? frames[0] : "?", backoff);
        tellReader(e);
        pause(backoff);
        return Math.min(backoff * 2, MAX_BACKOFF_MILLIS);
    }

    private void failed(Throwable e) {
        healthy = false;
        lastFailure = e.getClass().getName();
        failures++;
    }

    private void tellReader(Throwable e) {
        try {
            reader.lost(e);
        }
        catch (RuntimeException hearing) {
            log.error("{}: the reader failed to hear of the lost consumer ({})", name, hearing.getClass().getName());
        }
    }

    private void pause(long millis) {
        try {
            stopping.await(millis, TimeUnit.MILLISECONDS);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

}

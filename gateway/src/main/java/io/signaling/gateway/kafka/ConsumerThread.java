package io.signaling.gateway.kafka;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.WakeupException;

/**
 * One daemon thread that keeps a consumer open until stopped. A Kafka failure closes the consumer
 * and, after a pause of a second, opens a new one: the gateway outlives a broker outage instead of
 * losing its reader. Stopping wakes the consumer out of its poll and waits for the thread a bounded
 * time, so a shutdown is never held by a broker that does not answer.
 */
public final class ConsumerThread {

    /** Reads from a freshly opened consumer until {@link ConsumerThread#isRunning()} turns false. */
    @FunctionalInterface
    public interface Reading {
        void read(Consumer<String, byte[]> consumer);
    }

    /** Hears of the failure that cost the consumer, before the pause and the new consumer. */
    @FunctionalInterface
    public interface Loss {
        void lost(KafkaException failure);
    }

    private final String name;
    private final Supplier<Consumer<String, byte[]>> open;
    private final Reading reading;
    private final Loss loss;
    private final CountDownLatch stopping = new CountDownLatch(1);
    private volatile boolean running;
    private volatile Consumer<String, byte[]> consumer;
    private Thread thread;

    public ConsumerThread(String name, Supplier<Consumer<String, byte[]>> open, Reading reading, Loss loss) {
        this.name = name;
        this.open = open;
        this.reading = reading;
        this.loss = loss;
    }

    public void start() {
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

    /** Ends the reading without waiting for it: a pause is cut short, a poll woken. */
    public void requestStop() {
        running = false;
        stopping.countDown();
        Consumer<String, byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
    }

    /** Waits up to ten seconds for the thread to end. */
    public void awaitStop() {
        if (thread == null) {
            return;
        }
        try {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public boolean isRunning() {
        return running;
    }

    private void run() {
        while (running) {
            try (Consumer<String, byte[]> c = open.get()) {
                consumer = c;
                reading.read(c);
            }
            catch (WakeupException e) {
                // stopping
            }
            catch (KafkaException e) {
                loss.lost(e);
                pause();
            }
            finally {
                consumer = null;
            }
        }
    }

    private void pause() {
        try {
            stopping.await(1, TimeUnit.SECONDS);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}

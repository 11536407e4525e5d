package io.signaling.bench.scenario;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The tool's few threads: the HTTP clients' callbacks, the pacer's millisecond tick and
 * the once-a-second progress. Daemons, so that a run that gives up waiting still exits.
 */
final class BenchThreads implements AutoCloseable {

    /**
     * Two callback threads: the JDK client reads on its selector thread and completes
     * futures here.
     */
    private final ExecutorService callbacks = Executors.newFixedThreadPool(2, daemon("bench-callbacks"));

    private final ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor(daemon("bench-pacer"));

    private final ScheduledExecutorService progress = Executors
        .newSingleThreadScheduledExecutor(daemon("bench-progress"));

    ExecutorService callbacks() {
        return callbacks;
    }

    ScheduledExecutorService pacer() {
        return pacer;
    }

    ScheduledExecutorService progress() {
        return progress;
    }

    private static ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    @Override
    public void close() {
        pacer.shutdownNow();
        progress.shutdownNow();
        callbacks.shutdownNow();
    }

}

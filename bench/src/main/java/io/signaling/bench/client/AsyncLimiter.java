package io.signaling.bench.client;

import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Runs asynchronous tasks with at most {@code limit} in flight, without blocking a
 * thread: a task waits in a queue and starts when an earlier one completes. Bounds how
 * hard the tool pushes {@code /connect} and handshakes at once.
 */
public final class AsyncLimiter {

    private final int limit;

    private final ArrayDeque<Runnable> waiting = new ArrayDeque<>(); // guarded by this

    private int running; // guarded by this

    /**
     * Tasks to start on this thread once the current one returns: a chain of failures
     * never nests calls.
     */
    private final ThreadLocal<ArrayDeque<Runnable>> trampoline = new ThreadLocal<>();

    public AsyncLimiter(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1");
        }
        this.limit = limit;
    }

    public <T> CompletableFuture<T> submit(Supplier<CompletableFuture<T>> task) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Runnable start = () -> {
            CompletableFuture<T> started;
            try {
                started = task.get();
            }
            catch (RuntimeException e) {
                started = CompletableFuture.failedFuture(e);
            }
            started.whenComplete((value, error) -> {
                release();
                if (error != null) {
                    result.completeExceptionally(error);
                }
                else {
                    result.complete(value);
                }
            });
        };
        boolean now;
        synchronized (this) {
            now = running < limit;
            if (now) {
                running++;
            }
            else {
                waiting.add(start);
            }
        }
        if (now) {
            run(start);
        }
        return result;
    }

    public synchronized int inFlight() {
        return running;
    }

    private void release() {
        Runnable next;
        synchronized (this) {
            next = waiting.poll();
            if (next == null) {
                running--;
            }
        }
        if (next != null) {
            run(next);
        }
    }

    private void run(Runnable task) {
        ArrayDeque<Runnable> pending = trampoline.get();
        if (pending != null) {
            pending.add(task); // we are inside a task on this thread: the outer loop runs
                               // it
            return;
        }
        pending = new ArrayDeque<>();
        trampoline.set(pending);
        try {
            for (Runnable next = task; next != null; next = pending.poll()) {
                next.run();
            }
        }
        finally {
            trampoline.remove();
        }
    }

}

package io.signaling.session.system;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One time budget shared by the successive waits of a request. Monotonic
 * ({@link System#nanoTime}), not the injected {@link java.time.Clock}: that clock is
 * business time (heartbeat liveness, timestamps), and tests move it.
 */
public final class Deadline {

    private final long deadlineNanos;

    private Deadline(long deadlineNanos) {
        this.deadlineNanos = deadlineNanos;
    }

    public static Deadline in(Duration budget) {
        return new Deadline(System.nanoTime() + budget.toNanos());
    }

    /**
     * Whether the future completed within the budget (for futures without a useful
     * value).
     */
    public boolean completes(CompletableFuture<?> future) {
        return await(future.thenApply(ignored -> Boolean.TRUE)).isPresent();
    }

    /**
     * The future's value, or empty when the budget ran out first; the future is then
     * cancelled so whoever registered it can forget it. A failed future rethrows its
     * cause.
     */
    public <T> Optional<T> await(CompletableFuture<T> future) {
        try {
            return Optional
                .ofNullable(future.get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS));
        }
        catch (TimeoutException e) {
            future.cancel(false);
            return Optional.empty();
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            future.cancel(false);
            return Optional.empty();
        }
        catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw cause instanceof RuntimeException runtime ? runtime : new IllegalStateException(cause);
        }
    }

}

package io.signaling.bench.scenario;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** Bounded waits of the run's main thread. */
final class Waits {

    private Waits() {
    }

    /**
     * Waits until {@code done} holds or {@code limit} passes, checking every 20 ms; true
     * when it held.
     */
    static boolean until(BooleanSupplier done, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
        return true;
    }

    /** Waits until {@link System#nanoTime()} reaches {@code endNanos}. */
    static void untilNanoTime(long endNanos) {
        until(() -> System.nanoTime() >= endNanos,
                Duration.ofNanos(Math.max(0, endNanos - System.nanoTime())).plusSeconds(1));
    }

}

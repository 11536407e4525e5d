package io.signaling.gateway.signal;

import java.util.function.LongSupplier;

/**
 * Per-connection rate limit: {@code burst} tokens at most, refilled at {@code perSecond};
 * one token per client message, valid or not (signaling-v1 §2). Time is a monotonic
 * nanosecond source ({@link System#nanoTime} in production), so a wall-clock step never
 * refills or drains a bucket, and tests move it by hand instead of sleeping.
 */
public final class TokenBucket {

    private static final double NANOS_PER_SECOND = 1_000_000_000d;

    private final double capacity;

    private final double perSecond;

    private final LongSupplier nanoTime;

    private double tokens;

    private long refilledAt;

    public TokenBucket(double perSecond, double burst, LongSupplier nanoTime) {
        if (perSecond <= 0 || burst < 1) {
            throw new IllegalArgumentException("rate limit needs perSecond > 0 and burst >= 1");
        }
        this.capacity = burst;
        this.perSecond = perSecond;
        this.nanoTime = nanoTime;
        this.tokens = burst;
        this.refilledAt = nanoTime.getAsLong();
    }

    /** Takes one token if there is one. */
    public synchronized boolean tryAcquire() {
        long now = nanoTime.getAsLong();
        long elapsedNanos = now - refilledAt; // nanoTime values are compared by
                                              // difference only
        if (elapsedNanos > 0) {
            tokens = Math.min(capacity, tokens + elapsedNanos * perSecond / NANOS_PER_SECOND);
            refilledAt = now;
        }
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }

}

package io.signaling.gateway.signal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Per-connection rate limit: {@code burst} tokens at most, refilled at {@code perSecond}; one
 * token per accepted frame. Time comes from the injected clock so tests need no sleeping.
 */
public final class TokenBucket {

    private static final double NANOS_PER_SECOND = 1_000_000_000d;

    private final double capacity;
    private final double perSecond;
    private final Clock clock;
    private double tokens;
    private Instant refilledAt;

    public TokenBucket(double perSecond, double burst, Clock clock) {
        if (perSecond <= 0 || burst < 1) {
            throw new IllegalArgumentException("rate limit needs perSecond > 0 and burst >= 1");
        }
        this.capacity = burst;
        this.perSecond = perSecond;
        this.clock = clock;
        this.tokens = burst;
        this.refilledAt = clock.instant();
    }

    /** Takes one token if there is one. */
    public synchronized boolean tryAcquire() {
        Instant now = clock.instant();
        long elapsedNanos = Duration.between(refilledAt, now).toNanos();
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

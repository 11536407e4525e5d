package io.signaling.session.connect;

/**
 * One client address's allowance: {@code perSecond} tokens a second up to {@code burst}.
 * Times are {@link System#nanoTime()} readings (monotonic: a wall-clock step neither
 * empties nor fills it).
 */
final class TokenBucket {

    private final double perNano;

    private final double burst;

    private double tokens;

    private long last;

    TokenBucket(double perSecond, int burst, long now) {
        this.perNano = perSecond / 1e9;
        this.burst = burst;
        this.tokens = burst;
        this.last = now;
    }

    /** Takes a token: 0 when there was one, else how many nanoseconds until there is. */
    synchronized long take(long now) {
        tokens = Math.min(burst, tokens + (now - last) * perNano);
        last = now;
        if (tokens >= 1) {
            tokens -= 1;
            return 0;
        }
        return (long) Math.ceil((1 - tokens) / perNano);
    }

}

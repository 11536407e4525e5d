package io.signaling.session.system;

import java.time.Duration;

/** {@code 429 rate-limited}: the client may try again after {@code retryAfter} (the {@code Retry-After} header). */
public class RateLimitedException extends ApiException {

    private final Duration retryAfter;

    public RateLimitedException(String message, Duration retryAfter) {
        super(ErrorCode.RATE_LIMITED, message);
        this.retryAfter = retryAfter;
    }

    /** Whole seconds, at least 1: what {@code Retry-After} can say. */
    public long retryAfterSeconds() {
        return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    }
}

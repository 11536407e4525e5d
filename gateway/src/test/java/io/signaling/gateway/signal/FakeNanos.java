package io.signaling.gateway.signal;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * A monotonic nanosecond source the test moves by hand; starts far from zero, as
 * {@code System.nanoTime} may.
 */
final class FakeNanos implements LongSupplier {

    private long now = Long.MAX_VALUE - 1_000_000_000L; // differences must survive
                                                        // overflow

    void advance(Duration duration) {
        now += duration.toNanos();
    }

    @Override
    public long getAsLong() {
        return now;
    }

}

package io.signaling.bench.stats;

import java.time.Clock;
import java.time.Instant;

/**
 * Wall-clock microseconds since the epoch: what a sender stamps into a signal and a
 * recipient compares with. Not {@code System.nanoTime()}, whose origin is per JVM: the
 * stamp stays meaningful if sender and recipient run in different processes on one
 * machine.
 */
public final class WallClock {

    private final Clock clock;

    public WallClock(Clock clock) {
        this.clock = clock;
    }

    public static WallClock system() {
        return new WallClock(Clock.systemUTC());
    }

    public long micros() {
        Instant now = clock.instant();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    }

}

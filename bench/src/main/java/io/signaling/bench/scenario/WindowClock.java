package io.signaling.bench.scenario;

import io.signaling.bench.stats.MeasureWindow;
import io.signaling.bench.stats.WallClock;
import java.time.Duration;

/**
 * The wall clock the signals are stamped with and the measured window on it: what counts
 * in rates and latencies, and which phase a run is in.
 */
final class WindowClock {

    private final MeasureWindow window = new MeasureWindow();

    private final WallClock clock = WallClock.system();

    MeasureWindow window() {
        return window;
    }

    WallClock clock() {
        return clock;
    }

    long micros() {
        return clock.micros();
    }

    /** Opens the window after {@code warmup} from now, for {@code duration}. */
    void measureAfter(Duration warmup, Duration duration) {
        long now = clock.micros();
        long start = now + warmup.toNanos() / 1000;
        window.set(start, start + duration.toNanos() / 1000);
    }

    boolean contains(long micros) {
        return window.contains(micros);
    }

    boolean measuringNow() {
        return window.contains(clock.micros());
    }

    /** {@code warmup} before the window, {@code measure} in it, {@code drain} after. */
    String phase() {
        long now = clock.micros();
        return window.contains(now) ? "measure" : now < window.startMicros() ? "warmup" : "drain";
    }

}

package io.signaling.bench.stats;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Latencies in microseconds from many threads at once (HdrHistogram's wait-free
 * {@link Recorder}): everything goes to the per-second interval shown on the progress
 * line, and what falls in the measured window also to the total that the report shows.
 */
public final class LatencyRecorder {

    /** One hour: anything slower is clamped, and is a failure anyway. */
    static final long HIGHEST_MICROS = 3_600_000_000L;

    private final Recorder interval = new Recorder(HIGHEST_MICROS, 3);

    private final Recorder measured = new Recorder(HIGHEST_MICROS, 3);

    private final Histogram total = new Histogram(HIGHEST_MICROS, 3);

    /**
     * @param inWindow whether the sample belongs to the measured window (not warm-up, not
     * drain)
     */
    public void record(long micros, boolean inWindow) {
        long value = Math.max(0, Math.min(HIGHEST_MICROS, micros));
        interval.recordValue(value);
        if (inWindow) {
            measured.recordValue(value);
        }
    }

    /** What was recorded since the previous call (for the progress line). */
    public synchronized Histogram interval() {
        return interval.getIntervalHistogram();
    }

    /** Everything recorded in the measured window so far. */
    public synchronized Histogram total() {
        total.add(measured.getIntervalHistogram());
        return total.copy();
    }

}

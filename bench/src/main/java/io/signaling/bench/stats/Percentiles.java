package io.signaling.bench.stats;

import org.HdrHistogram.Histogram;

/**
 * A latency distribution in milliseconds, as reported; {@code count} 0 when nothing was
 * recorded.
 */
public record Percentiles(long count, double mean, double p50, double p95, double p99, double p999, double max) {

    public static final Percentiles EMPTY = new Percentiles(0, 0, 0, 0, 0, 0, 0);

    /** From a histogram of microseconds. */
    public static Percentiles ofMicros(Histogram micros) {
        if (micros.getTotalCount() == 0) {
            return EMPTY;
        }
        return new Percentiles(micros.getTotalCount(), ms(micros.getMean()), ms(micros.getValueAtPercentile(50)),
                ms(micros.getValueAtPercentile(95)), ms(micros.getValueAtPercentile(99)),
                ms(micros.getValueAtPercentile(99.9)), ms(micros.getMaxValue()));
    }

    private static double ms(double micros) {
        return Math.round(micros) / 1000.0;
    }
}

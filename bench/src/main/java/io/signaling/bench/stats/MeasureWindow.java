package io.signaling.bench.stats;

/**
 * The measured part of a run, in wall-clock microseconds: after the warm-up, before the
 * drain. Signals are counted in it by their send stamp, so a slow delivery after the end
 * still counts.
 */
public final class MeasureWindow {

    private volatile long startMicros = Long.MAX_VALUE;

    private volatile long endMicros = Long.MAX_VALUE;

    public void set(long startMicros, long endMicros) {
        if (endMicros < startMicros) {
            throw new IllegalArgumentException("the window ends before it starts");
        }
        this.startMicros = startMicros;
        this.endMicros = endMicros;
    }

    public boolean contains(long micros) {
        return micros >= startMicros && micros < endMicros;
    }

    public long startMicros() {
        return startMicros;
    }

    public long endMicros() {
        return endMicros;
    }

    public double seconds() {
        return startMicros == Long.MAX_VALUE ? 0 : (endMicros - startMicros) / 1e6;
    }

}

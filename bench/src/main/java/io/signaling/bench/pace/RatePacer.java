package io.signaling.bench.pace;

/**
 * Open-loop pacing: the k-th send is due at {@code start + k / rate}, whatever happened
 * to the earlier ones, so a slow system gets the load it was promised instead of a
 * politely reduced one (no coordinated omission). The ticker asks {@link #take} how many
 * sends are due now; time comes from the caller, so tests drive it with a fake clock. Not
 * thread-safe: one ticker thread.
 */
public final class RatePacer {

    private final double perSecond;

    private final long startNanos;

    private long issued;

    public RatePacer(double perSecond, long startNanos) {
        if (!(perSecond > 0)) {
            throw new IllegalArgumentException("rate must be positive, not " + perSecond);
        }
        this.perSecond = perSecond;
        this.startNanos = startNanos;
    }

    /**
     * How many sends are due by {@code nowNanos} and were not taken yet; they count as
     * issued.
     */
    public long take(long nowNanos) {
        long due = dueBy(nowNanos);
        long count = Math.max(0, due - issued);
        issued += count;
        return count;
    }

    /**
     * How late the oldest of the sends due now is, in nanoseconds (0 when none is due).
     */
    public long lateness(long nowNanos) {
        long due = dueBy(nowNanos);
        return due > issued ? nowNanos - scheduledNanos(issued) : 0;
    }

    /** When send number {@code k} (from 0) is due. */
    public long scheduledNanos(long k) {
        return startNanos + (long) Math.ceil(k * 1e9 / perSecond);
    }

    public long issued() {
        return issued;
    }

    /** Sends 0..n-1 whose due time is at or before {@code nowNanos}: n. */
    private long dueBy(long nowNanos) {
        if (nowNanos < startNanos) {
            return 0;
        }
        return (long) Math.floor((nowNanos - startNanos) * perSecond / 1e9) + 1;
    }

}

package io.signaling.gateway.signal;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * The delivery-age bound of {@link AdmissionControl}, as a rate of admitted signals.
 *
 * <p>
 * A signal's age (accepted at the sender's gateway → read here; see
 * {@code DeliverySource}) is known only once it arrives, so it says how late the path
 * was, a while ago. Shutting the door when it is too old and opening it once the path has
 * drained makes the path idle while the door is shut, and floods it again when it opens:
 * under a heavy offer the platform carried less than half of what it could. Instead,
 * while the smoothed age is over {@code max-delivery-age}, this gateway admits at most a
 * rate: half of what the path now delivers to it, so that with users who both send and
 * receive the queue behind drains at half its pace. It is cut again (by 40 %, at most
 * once per third of an age: the effect of a cut shows only that late) only while the
 * gateway still admits about what it is delivered; admitting less, the queue is shrinking
 * and its age will fall, and cutting further would only idle the path (and, where the age
 * is not a queue's, a stall, it would not help). Under half the bound the rate grows by
 * 15 % every 100 ms, and is lifted once it no longer binds, or at once when nothing was
 * delivered for as long as the last age (what was queued has come). It never falls under
 * 50 a second, so a path that has recovered is seen to have, and a gateway that admits
 * fewer than that is not limited at all: late signals then come from a stall (a relay
 * failing over), not from what this gateway takes on. Within the rate, bursts of up to a
 * quarter of a second's worth pass, so a client answering a burst of deliveries is not
 * refused for it.
 *
 * <p>
 * Nothing here takes a lock or allocates per message: the rate is enforced as a virtual
 * schedule (the generic cell rate algorithm: one compare-and-set), and the control step
 * runs every 100 ms on whichever thread comes first after it is due.
 */
final class DeliveryAgeLimit {

    static final long PERIOD_NANOS = 100_000_000L;

    private static final double CUT = 0.6;

    private static final double DRAIN = 0.5;

    private static final double STILL_FILLING = 0.9;

    private static final double GROWTH = 1.15;

    private static final double MIN_PER_SECOND = 50;

    /** Signals a limited gateway may take at once, as time at the limited rate. */
    private static final long BURST_NANOS = 250_000_000L;

    /** Weight of the last period's rate in a smoothed one. */
    private static final double RATE_SMOOTHING = 0.5;

    /**
     * Weight of a new age in the smoothed one: 1/8, so one stray signal (held up by a GC
     * pause) does not count much.
     */
    private static final int SMOOTHING = 8;

    private final long maxAgeNanos;

    private final long idleNanos;

    private final LongSupplier nanoTime;

    private final LongAdder admitted = new LongAdder();

    private final AtomicLong deliveries = new AtomicLong();

    private final AtomicLong nextControlAt;

    /** When the next signal may go, on the schedule of the limited rate. */
    private final AtomicLong schedule;

    private volatile double limit = -1; // signals a second; negative: no limit

    // The control step's own: one thread at a time (the compare-and-set on
    // nextControlAt), not always the same one,
    // hence volatile.
    private volatile long windowStart;

    private volatile long admittedAtWindowStart;

    private volatile long deliveredAtWindowStart;

    private volatile double admittedPerSecond;

    private volatile double deliveredPerSecond;

    private volatile long lastCutAt;

    // Written by the deliveries consumer thread only (the one caller of delivered), read
    // by any.
    private volatile long smoothedAgeNanos;

    private volatile long lastDeliveryAt;

    DeliveryAgeLimit(long maxAgeNanos, long idleNanos, LongSupplier nanoTime) {
        this.maxAgeNanos = maxAgeNanos;
        this.idleNanos = idleNanos;
        this.nanoTime = nanoTime;
        long now = nanoTime.getAsLong();
        this.nextControlAt = new AtomicLong(now + PERIOD_NANOS);
        this.schedule = new AtomicLong(now);
        this.windowStart = now;
        this.lastCutAt = now - Long.MAX_VALUE / 2;
        this.lastDeliveryAt = now - idleNanos - 1;
    }

    /**
     * Takes a place on the schedule when a limit is on: false when this signal would be
     * over the rate.
     */
    boolean tryAdmit() {
        long now = nanoTime.getAsLong();
        control(now);
        double perSecond = limit;
        if (perSecond > 0) {
            long interval = (long) (1e9 / perSecond);
            long tolerance = Math.max(interval, BURST_NANOS - interval);
            long slot;
            long next;
            do {
                slot = schedule.get();
                long start = slot - now > 0 ? slot : now;
                if (start - now > tolerance) {
                    return false;
                }
                next = start + interval;
            }
            while (!schedule.compareAndSet(slot, next));
        }
        admitted.increment();
        return true;
    }

    /**
     * A signal was read here {@code ageNanos} after it was accepted. Called by one
     * thread, the deliveries consumer.
     */
    void delivered(long ageNanos) {
        long now = nanoTime.getAsLong();
        long age = Math.max(0, ageNanos); // another host's clock may be a little ahead
        smoothedAgeNanos = drained(now) ? age // after the path has drained the old
                                              // average says nothing about now
                : smoothedAgeNanos + (age - smoothedAgeNanos) / SMOOTHING;
        lastDeliveryAt = now;
        deliveries.incrementAndGet();
        control(now);
    }

    /**
     * True while a limit is on. Runs the control step first: the heartbeat asks this when
     * no message may come at all (a gateway announcing overload has {@code /connect}
     * refused), and a limit that only a message could lift would then never be lifted.
     */
    boolean limiting() {
        control(nanoTime.getAsLong());
        return limit > 0;
    }

    long smoothedAgeNanos() {
        return smoothedAgeNanos;
    }

    /** The limit in signals a second, negative when there is none. */
    double limit() {
        return limit;
    }

    private void control(long now) {
        long due = nextControlAt.get();
        if (now - due < 0 || !nextControlAt.compareAndSet(due, now + PERIOD_NANOS)) {
            return;
        }
        long admittedNow = admitted.sum();
        long deliveredNow = deliveries.get();
        double seconds = Math.max(1, now - windowStart) / 1e9;
        admittedPerSecond = smoothed(admittedPerSecond, (admittedNow - admittedAtWindowStart) / seconds);
        deliveredPerSecond = smoothed(deliveredPerSecond, (deliveredNow - deliveredAtWindowStart) / seconds);
        windowStart = now;
        admittedAtWindowStart = admittedNow;
        deliveredAtWindowStart = deliveredNow;
        long age = smoothedAgeNanos;
        double current = limit;
        if (drained(now)) {
            limit = -1; // what was queued has come: admit again at once
        }
        else if (age > maxAgeNanos) {
            boolean busy = current > 0 || admittedPerSecond >= MIN_PER_SECOND;
            if (busy && now - lastCutAt >= Math.max(PERIOD_NANOS, age / 3)) {
                // Half of what the path now delivers here: with users who both send and
                // receive, the queue behind
                // drains at half its pace. Lowered again only while this gateway still
                // admits about what it is
                // delivered; once it admits less, the queue is shrinking and its age will
                // fall, late.
                double target = Math.max(MIN_PER_SECOND, DRAIN * deliveredPerSecond);
                if (current <= 0) {
                    limit = target;
                    lastCutAt = now;
                }
                else if (admittedPerSecond >= STILL_FILLING * deliveredPerSecond) {
                    limit = Math.max(MIN_PER_SECOND, Math.min(CUT * current, target));
                    lastCutAt = now;
                }
            }
        }
        else if (age <= maxAgeNanos / 2 && current > 0) {
            double grown = current * GROWTH + 1;
            limit = grown > 2 * admittedPerSecond + MIN_PER_SECOND ? -1 : grown; // no
                                                                                 // longer
                                                                                 // binding:
                                                                                 // lifted
        }
    }

    /**
     * A rate smoothed over the last few periods; the first period that sees any is taken
     * as it is.
     */
    private static double smoothed(double previous, double sample) {
        return previous == 0 ? sample : previous + RATE_SMOOTHING * (sample - previous);
    }

    /**
     * Nothing delivered for as long as the last smoothed age, and at least idle-after:
     * what was queued has come.
     */
    private boolean drained(long now) {
        return now - lastDeliveryAt >= Math.max(idleNanos, smoothedAgeNanos);
    }

}

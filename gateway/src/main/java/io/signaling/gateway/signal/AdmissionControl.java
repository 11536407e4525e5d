package io.signaling.gateway.signal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import io.signaling.gateway.config.GatewayProperties;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * The one place that says whether this gateway takes a client's message now (contract §2:
 * under overload the platform refuses {@code overloaded} rather than queues, so that an
 * acked signal is delivered within 2 s at p99 whatever the offered load). Two bounds,
 * each read on the message thread without a lock or an allocation:
 *
 * <ul>
 * <li><b>In flight</b>: signals handed to the producer that Kafka has not acknowledged
 * yet, by count and by bytes. A hard cap without hysteresis: a slot frees the moment an
 * append completes, so the producer's queue, which is what an ack waits behind, stays
 * short, and a producer that has drained admits at once. The byte bound keeps signals to
 * a part of the producer's {@code buffer.memory}, so {@code send()} never waits for
 * buffer space. A count is not a time, though: behind a slow broker 500 signals may take
 * seconds to be acked, so the smoothed ack latency is bounded too (with the same
 * hysteresis as the age below, and admitting at once when nothing is in flight).</li>
 * <li><b>Delivery age</b>: how old the signals this gateway delivers are when it reads
 * them (accept time at the sender's gateway → now), smoothed over the last few
 * deliveries. It sees a relay or broker falling behind, but late: a signal's age is known
 * only once it arrives. While it is over {@code max-delivery-age} the gateway admits at a
 * limited rate, cut until the age falls and grown back after ({@link DeliveryAgeLimit}):
 * the path stays busy at what it carries instead of idling behind a shut door.</li>
 * <li><b>Log unreachable</b>: an append that could not leave this process (no metadata
 * within {@code max.block.ms}: the brokers do not answer, or a restarted one does not
 * know its topics yet) blocked the calling thread, a Tomcat thread reading a client's
 * connection, for that long. Every message after it would too, one after the other on
 * each connection, and a client whose messages wait there has its pongs read late and is
 * closed as lost (seen after a broker restart). So, after such a failure, messages are
 * refused at once for a back-off, then one probe at a time is let through until an append
 * leaves again.</li>
 * </ul>
 *
 * A later hot path (fewer Kafka hops, edge routing) keeps this seam: it asks
 * {@link #admit} and reports {@link #released} and {@link #delivered}.
 */
public final class AdmissionControl {

    /**
     * Why a message was refused {@code overloaded}: the {@code reason} tag of
     * {@code signaling.gateway.signals.refused}.
     */
    public enum Refusal {

        /** Too many signals (or bytes) handed to Kafka and not acknowledged yet. */
        IN_FLIGHT("in-flight"),
        /**
         * Kafka acknowledges the signals of this gateway later than
         * {@code max-ack-latency}: the broker is behind.
         */
        ACK_LATENCY("ack-latency"),
        /**
         * The signals delivered here are older than {@code max-delivery-age}, and this
         * one is over the rate admitted meanwhile.
         */
        DELIVERY_AGE("delivery-age"),
        /**
         * Admitted, but the signal log did not take it (Kafka unreachable, or the write
         * timed out).
         */
        APPEND_FAILED("append-failed"),
        /**
         * The last append could not leave this process: refused at once, not blocking a
         * thread for {@code max.block.ms}, until a probe gets through.
         */
        LOG_UNREACHABLE("log-unreachable");

        private final String tag;

        Refusal(String tag) {
            this.tag = tag;
        }

        public String tag() {
            return tag;
        }

    }

    /**
     * Weight of a new time in a smoothed one: 1/8, so one stray signal (held up by a GC
     * pause) does not trip it.
     */
    private static final int SMOOTHING = 8;

    /**
     * How long messages are refused at once after an append could not leave, before the
     * next probe.
     */
    static final long UNREACHABLE_BACKOFF_NANOS = 500_000_000L;

    /**
     * A probe's claim: longer than the producer's {@code max.block.ms}, so no second
     * probe blocks a thread while the first still may.
     */
    static final long PROBE_NANOS = 2_000_000_000L;

    private static final long REACHABLE = Long.MIN_VALUE;

    private final int maxInFlight;

    private final long maxInFlightBytes;

    private final long maxAckNanos;

    private final DeliveryAgeLimit ageLimit;

    private final LongSupplier nanoTime;

    private final AtomicInteger inFlight = new AtomicInteger();

    private final AtomicLong inFlightBytes = new AtomicLong();

    private final AtomicLong refusals = new AtomicLong();

    private final AtomicLong admissions = new AtomicLong();

    /**
     * Until when messages are refused {@link Refusal#LOG_UNREACHABLE}; {@link #REACHABLE}
     * while appends leave.
     */
    private final AtomicLong unreachableUntil = new AtomicLong(REACHABLE);

    private final Map<Refusal, Counter> refused = new EnumMap<>(Refusal.class);

    // Written by the producer's callback thread (an append that fails at once: the
    // caller's; a rare race that costs
    // at most one sample), read by any.
    private volatile long smoothedAckNanos;

    private volatile boolean acksTooSlow;

    /**
     * @param maxInFlightBytes bytes of signals that may wait in the producer (a part of
     * its {@code buffer.memory})
     * @param nanoTime a monotonic clock ({@link System#nanoTime} in production)
     */
    public AdmissionControl(GatewayProperties.AdmissionLimits limits, long maxInFlightBytes, LongSupplier nanoTime,
            MeterRegistry meters) {
        this.maxInFlight = limits.maxInFlight();
        this.maxInFlightBytes = maxInFlightBytes;
        this.maxAckNanos = limits.maxAckLatency().toNanos();
        this.nanoTime = nanoTime;
        this.ageLimit = new DeliveryAgeLimit(limits.maxDeliveryAge().toNanos(), limits.idleAfter().toNanos(), nanoTime);
        for (Refusal refusal : Refusal.values()) {
            refused.put(refusal,
                    Counter.builder("signaling.gateway.signals.refused")
                        .description("Client messages answered 'overloaded': nothing was written")
                        .tag("reason", refusal.tag())
                        .register(meters));
        }
        Gauge.builder("signaling.gateway.admission.in-flight", inFlight, AtomicInteger::get)
            .description("Signals handed to Kafka and not acknowledged yet")
            .register(meters);
        TimeGauge
            .builder("signaling.gateway.admission.delivery-age", this, TimeUnit.NANOSECONDS,
                    control -> control.ageLimit.smoothedAgeNanos())
            .description("Smoothed age (accept at the sender's gateway to read here) of the signals delivered here")
            .register(meters);
        Gauge.builder("signaling.gateway.admission.rate-limit", ageLimit, limit -> Math.max(0, limit.limit()))
            .description("Signals a second this gateway admits while deliveries are late; 0: no limit")
            .register(meters);
        Gauge.builder("signaling.gateway.admission.shedding", this, control -> control.shedding() ? 1 : 0)
            .description("1 while this gateway refuses client messages 'overloaded'")
            .register(meters);
    }

    /**
     * Takes a place for one signal of {@code bytes} (an estimate of its record's size):
     * null when admitted, and the caller must then call {@link #released} once its append
     * has completed; otherwise why it is refused (nothing taken, nothing to release).
     */
    public Refusal admit(int bytes) {
        long until = unreachableUntil.get();
        if (until != REACHABLE) {
            long now = nanoTime.getAsLong();
            if (now - until < 0 || !unreachableUntil.compareAndSet(until, now + PROBE_NANOS)) {
                return refuse(Refusal.LOG_UNREACHABLE);
            }
            // this message is the probe
        }
        if (acksTooSlow) {
            return refuse(Refusal.ACK_LATENCY);
        }
        int current;
        do {
            current = inFlight.get();
            if (current >= maxInFlight) {
                return refuse(Refusal.IN_FLIGHT);
            }
        }
        while (!inFlight.compareAndSet(current, current + 1));
        // One signal always goes, however large: a message within max-message-bytes is
        // never refused for its size alone.
        if (inFlightBytes.addAndGet(bytes) > maxInFlightBytes && current > 0) {
            giveBack(bytes);
            return refuse(Refusal.IN_FLIGHT);
        }
        if (!ageLimit.tryAdmit()) {
            giveBack(bytes);
            return refuse(Refusal.DELIVERY_AGE);
        }
        admissions.incrementAndGet();
        return null;
    }

    /**
     * The monotonic time now, to hand back to {@link #released} with the signal's
     * admission.
     */
    public long now() {
        return nanoTime.getAsLong();
    }

    /**
     * The append of a signal admitted at {@code admittedAt} ({@link #now}) completed,
     * written or not: its place is free, and how long it took is the producer's current
     * ack latency.
     */
    public void released(int bytes, long admittedAt) {
        long ackNanos = nanoTime.getAsLong() - admittedAt;
        long smoothed = smoothedAckNanos + (ackNanos - smoothedAckNanos) / SMOOTHING;
        if (smoothed > maxAckNanos) {
            acksTooSlow = true;
        }
        else if (smoothed <= maxAckNanos / 2) {
            acksTooSlow = false;
        }
        if (inFlight.decrementAndGet() == 0) {
            // Nothing waits for Kafka any more: whatever was slow has drained, start
            // afresh.
            smoothed = 0;
            acksTooSlow = false;
        }
        smoothedAckNanos = smoothed;
        inFlightBytes.addAndGet(-bytes);
    }

    /** A place taken in {@link #admit} for a signal refused after all. */
    private void giveBack(int bytes) {
        inFlight.decrementAndGet();
        inFlightBytes.addAndGet(-bytes);
    }

    /**
     * An admitted signal was not taken by the signal log: it is answered
     * {@code overloaded} too.
     */
    public void appendFailed() {
        refuse(Refusal.APPEND_FAILED);
    }

    /**
     * An append could not leave this process (it blocked its thread for
     * {@code max.block.ms}): refuse at once for a back-off, then probe.
     */
    public void appendCouldNotLeave() {
        unreachableUntil.set(nanoTime.getAsLong() + UNREACHABLE_BACKOFF_NANOS);
    }

    /**
     * An append (a signal's, or a heartbeat's) left this process and was acknowledged:
     * the log is reachable.
     */
    public void appendLeft() {
        if (unreachableUntil.get() != REACHABLE) {
            unreachableUntil.set(REACHABLE);
        }
    }

    /**
     * A deliveries record was read here {@code ageNanos} after the record the relay acted
     * on was written (for a signal routed at once: when the sender's gateway accepted
     * it). Called by one thread, the deliveries consumer.
     */
    public void delivered(long ageNanos) {
        ageLimit.delivered(ageNanos);
    }

    /**
     * True while some messages are refused: Kafka acks late, the producer is full, the
     * log cannot be reached, or a rate limit is on.
     */
    public boolean shedding() {
        return acksTooSlow || inFlight.get() >= maxInFlight || refusingUnreachable() || ageLimit.limiting();
    }

    /**
     * Within the back-off or a probe's claim: a gateway no message has probed since is
     * not shedding (its heartbeat would keep new sessions away for nothing).
     */
    private boolean refusingUnreachable() {
        long until = unreachableUntil.get();
        return until != REACHABLE && nanoTime.getAsLong() - until < 0;
    }

    /**
     * Messages refused so far, for whoever announces "refused since last time" (the
     * heartbeat).
     */
    public long refusals() {
        return refusals.get();
    }

    /** Messages admitted so far. */
    public long admissions() {
        return admissions.get();
    }

    private Refusal refuse(Refusal refusal) {
        refusals.incrementAndGet();
        refused.get(refusal).increment();
        return refusal;
    }

}

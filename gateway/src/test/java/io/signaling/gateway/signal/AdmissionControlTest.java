package io.signaling.gateway.signal;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.signaling.gateway.signal.AdmissionControl.Refusal;
import io.signaling.gateway.config.GatewayProperties;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The two bounds of admission, and how each lets messages in again. */
class AdmissionControlTest {

    private static final long MILLI = 1_000_000L;

    private final FakeNanos nanos = new FakeNanos();

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    private final AdmissionControl admission = new AdmissionControl(new GatewayProperties.AdmissionLimits(3,
            Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofMillis(250)), 10_000, nanos, meters);

    @Test
    void signalsInFlightAreCappedAndEachCompletedAppendFreesAPlaceAtOnce() {
        assertThat(admission.admit(100)).isNull();
        assertThat(admission.admit(100)).isNull();
        assertThat(admission.admit(100)).isNull();

        assertThat(admission.admit(100)).isEqualTo(Refusal.IN_FLIGHT);
        assertThat(admission.shedding()).isTrue();

        admission.released(100, admission.now());
        assertThat(admission.admit(100)).isNull();
        assertThat(refused("in-flight")).isEqualTo(1);
        assertThat(meters.get("signaling.gateway.admission.in-flight").gauge().value()).isEqualTo(3);
    }

    @Test
    void bytesInFlightAreCappedButOneSignalAlwaysGoes() {
        assertThat(admission.admit(20_000)).as("alone, however large").isNull();
        assertThat(admission.admit(10)).isEqualTo(Refusal.IN_FLIGHT);

        admission.released(20_000, admission.now());
        assertThat(admission.admit(6_000)).isNull();
        assertThat(admission.admit(5_000)).isEqualTo(Refusal.IN_FLIGHT);
        assertThat(admission.admit(4_000)).isNull();
    }

    @Test
    void slowAcksRefuseUntilTheyAreFastAgainOrNothingIsInFlight() {
        AdmissionControl admission = new AdmissionControl(new GatewayProperties.AdmissionLimits(1000,
                Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofMillis(250)), 1 << 20, nanos, meters);
        for (int i = 0; i < 50; i++) {
            assertThat(admission.admit(0)).isNull();
        }
        acked(admission, Duration.ofMillis(20), 10);
        assertThat(admission.admit(0)).isNull();

        acked(admission, Duration.ofMillis(900), 10); // the broker falls behind: the
                                                      // smoothed ack latency passes 250
                                                      // ms
        assertThat(admission.admit(0)).isEqualTo(Refusal.ACK_LATENCY);
        assertThat(admission.shedding()).isTrue();

        acked(admission, Duration.ofMillis(200), 20); // under the bound, over half of it:
                                                      // still refusing (hysteresis)
        assertThat(admission.admit(0)).isEqualTo(Refusal.ACK_LATENCY);

        acked(admission, Duration.ofMillis(20), 10); // well under half, one still in
                                                     // flight
        assertThat(admission.admit(0)).isNull();

        acked(admission, Duration.ofMillis(900), 2); // slow again, but these were the
                                                     // last: nothing waits any more
        assertThat(admission.admit(0)).as("a producer that has drained admits at once").isNull();
        assertThat(refused("ack-latency")).isEqualTo(2);
    }

    @Test
    void afterAnAppendThatCouldNotLeaveMessagesAreRefusedAtOnceThenOneProbeAtATimeGoes() {
        assertThat(admission.admit(100)).isNull();
        admission.released(100, admission.now());
        admission.appendCouldNotLeave(); // it blocked its thread for max.block.ms

        assertThat(admission.admit(100)).as("refused without blocking a thread").isEqualTo(Refusal.LOG_UNREACHABLE);
        assertThat(admission.shedding()).isTrue();
        nanos.advance(Duration.ofNanos(AdmissionControl.UNREACHABLE_BACKOFF_NANOS));
        assertThat(admission.admit(100)).as("the probe").isNull();
        assertThat(admission.admit(100)).as("a second one while the probe may still block")
            .isEqualTo(Refusal.LOG_UNREACHABLE);

        admission.released(100, admission.now());
        admission.appendCouldNotLeave(); // the probe could not leave either
        nanos.advance(Duration.ofNanos(AdmissionControl.UNREACHABLE_BACKOFF_NANOS - MILLI));
        assertThat(admission.admit(100)).isEqualTo(Refusal.LOG_UNREACHABLE);
        nanos.advance(Duration.ofNanos(MILLI));
        assertThat(admission.admit(100)).as("the next probe").isNull();

        admission.released(100, admission.now());
        admission.appendLeft(); // it got through
        assertThat(admission.admit(100)).isNull();
        assertThat(admission.admit(100)).isNull();
        assertThat(refused("log-unreachable")).isEqualTo(3);
    }

    @Test
    void aGatewayNoMessageProbedIsNotSheddingOnceTheBackOffIsOver() {
        admission.appendCouldNotLeave();
        assertThat(admission.shedding()).isTrue();

        nanos.advance(Duration.ofNanos(AdmissionControl.UNREACHABLE_BACKOFF_NANOS));
        assertThat(admission.shedding()).as("its heartbeat would keep new sessions away for nothing").isFalse();
    }

    @Test
    void aProbeThatNeverAnswersDoesNotKeepTheDoorShut() {
        admission.appendCouldNotLeave();
        nanos.advance(Duration.ofNanos(AdmissionControl.UNREACHABLE_BACKOFF_NANOS));
        assertThat(admission.admit(100)).as("the probe").isNull();
        assertThat(admission.admit(100)).isEqualTo(Refusal.LOG_UNREACHABLE);

        nanos.advance(Duration.ofNanos(AdmissionControl.PROBE_NANOS)); // its record waits
                                                                       // in the producer
        assertThat(admission.admit(100)).as("another probe").isNull();
    }

    /** {@code count} signals in flight acked {@code after} they were admitted. */
    private void acked(AdmissionControl admission, Duration after, int count) {
        for (int i = 0; i < count; i++) {
            nanos.advance(Duration.ofMillis(1));
            admission.released(0, admission.now() - after.toNanos());
        }
    }

    @Test
    void whileDeliveriesAreLateTheSignalsOverALimitedRateAreRefused() {
        int admitted = 0;
        for (int ms = 0; ms < 1_000; ms++) { // 3,000 offered a second, acked at once;
                                             // 1,000 delivered, 2 s after accept
            nanos.advance(Duration.ofMillis(1));
            admission.delivered(2_000 * MILLI);
            for (int i = 0; i < 3; i++) {
                if (admission.admit(100) == null) {
                    admitted++;
                    admission.released(100, admission.now());
                }
            }
        }

        assertThat(admitted).isBetween(600, 1_200);
        assertThat(refused("delivery-age")).isEqualTo(3_000 - admitted);
        assertThat(admission.shedding()).isTrue();
        assertThat(meters.get("signaling.gateway.admission.rate-limit").gauge().value()).isPositive();
    }

    @Test
    void refusalsAreCountedForTheHeartbeat() {
        long before = admission.refusals();
        for (int i = 0; i < 3; i++) {
            admission.admit(1);
        }
        admission.admit(1);
        admission.appendFailed();

        assertThat(admission.refusals() - before).isEqualTo(2);
        assertThat(refused("append-failed")).isEqualTo(1);
    }

    private double refused(String reason) {
        return meters.get("signaling.gateway.signals.refused").tag("reason", reason).counter().count();
    }

}

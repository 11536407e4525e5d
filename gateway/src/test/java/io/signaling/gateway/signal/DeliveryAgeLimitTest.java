package io.signaling.gateway.signal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * While delivered signals are older than the bound, a gateway admits a rate that is cut
 * until the age falls, grown back after, and lifted once the path has drained; never
 * closed altogether.
 */
class DeliveryAgeLimitTest {

    private static final long MILLI = 1_000_000L;

    private final FakeNanos nanos = new FakeNanos();

    private final DeliveryAgeLimit limit = new DeliveryAgeLimit(500 * MILLI, 250 * MILLI, nanos);

    @Test
    void aPathOnTimeIsNotLimited() {
        assertThat(offer(Duration.ofSeconds(1), 50)).isEqualTo(3_000);
        assertThat(limit.limiting()).isFalse();
    }

    @Test
    void lateDeliveriesCutTheRateAndYoungOnesGrowItBackUntilItIsLifted() {
        offer(Duration.ofSeconds(1), 50);

        int late = offer(Duration.ofSeconds(1), 2_000); // the relay falls behind: ages of
                                                        // 2 s
        assertThat(limit.limiting()).isTrue();
        assertThat(late).as("cut to half the 1,000 a second delivered, once the smoothed age passed the bound")
            .isBetween(600, 1_200);
        int later = offer(Duration.ofSeconds(1), 2_000); // still late, but admitting less
                                                         // than delivered: held
        assertThat(later).isBetween(400, 600);

        int between = offer(Duration.ofSeconds(1), 400); // under the bound, over half of
                                                         // it: held
        assertThat(offer(Duration.ofSeconds(1), 400)).isBetween(between - 100, between + 100);

        offer(Duration.ofSeconds(2), 100); // on time again: grown by 15 % a tenth of a
                                           // second, until it no longer binds
        assertThat(limit.limiting()).isFalse();
        assertThat(offer(Duration.ofSeconds(1), 100)).isEqualTo(3_000);
    }

    @Test
    void whenTheAgeDoesNotFallForLessAdmittedItIsNotCutToNothing() {
        offer(Duration.ofSeconds(10), 5_000); // a stall, not a queue: late whatever is
                                              // admitted

        assertThat(offer(Duration.ofSeconds(1), 5_000)).as("half of what is delivered").isBetween(400, 600);
    }

    @Test
    void aGatewayThatIsDeliveredLittleIsCutToTheFloorAndKeepsShowingTheAge() {
        for (long ms = 0; ms < 2_000; ms++) { // 3,000 a second offered, 20 a second
                                              // delivered, 2 s late
            nanos.advance(Duration.ofMillis(1));
            if (ms % 50 == 0) {
                limit.delivered(2_000 * MILLI);
            }
            for (int i = 0; i < 3; i++) {
                limit.tryAdmit();
            }
        }
        assertThat(limit.limit()).isEqualTo(50);
    }

    @Test
    void aPathThatHasDrainedIsAdmittedAgainAtOnce() {
        offer(Duration.ofSeconds(2), 3_000);
        assertThat(limit.limiting()).isTrue();

        nanos.advance(Duration.ofMillis(2_900)); // nothing delivered for less than the
                                                 // last age: it may still come
        limit.tryAdmit();
        assertThat(limit.limiting()).isTrue();
        nanos.advance(Duration.ofMillis(100)); // as long as the age: whatever was queued
                                               // has come
        assertThat(limit.tryAdmit()).isTrue();
        assertThat(limit.limiting()).isFalse();
    }

    @Test
    void aPathThatHasDrainedIsNoLongerLimitedEvenIfNobodySendsAgain() {
        offer(Duration.ofSeconds(2), 3_000);
        assertThat(limit.limiting()).isTrue();

        // No message and no delivery after the burst: the heartbeat still asks. Were the
        // limit kept until the next
        // message, a gateway announcing 'overloaded' would have /connect refused, so no
        // message would ever come.
        nanos.advance(Duration.ofMillis(3_000));
        assertThat(limit.limiting()).isFalse();
    }

    /**
     * Three signals offered and one delivered (of this age) every millisecond; how many
     * were admitted.
     */
    private int offer(Duration during, long ageMillis) {
        int admitted = 0;
        for (long ms = 0; ms < during.toMillis(); ms++) {
            nanos.advance(Duration.ofMillis(1));
            limit.delivered(ageMillis * MILLI);
            for (int i = 0; i < 3; i++) {
                if (limit.tryAdmit()) {
                    admitted++;
                }
            }
        }
        return admitted;
    }

}

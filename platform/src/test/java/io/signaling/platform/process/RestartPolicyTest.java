package io.signaling.platform.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RestartPolicyTest {

    @Test
    void theDefaultWaitsOneSecondDoublingToThirtyAndGivesUpOnTheEighthDeathInARow() {
        RestartPolicy policy = RestartPolicy.DEFAULT;

        assertThat(IntStream.rangeClosed(1, 9).mapToObj(policy::delay).map(Duration::toSeconds)).containsExactly(1L, 2L,
                4L, 8L, 16L, 30L, 30L, 30L, 30L);
        assertThat(policy.givesUp(7)).isFalse();
        assertThat(policy.givesUp(8)).isTrue();
        assertThat(policy.wasHealthy(Duration.ofSeconds(59))).isFalse();
        assertThat(policy.wasHealthy(Duration.ofMinutes(1))).isTrue();
    }

    @Test
    void aLongRowOfDeathsStaysAtTheCap() {
        assertThat(RestartPolicy.DEFAULT.delay(1_000)).isEqualTo(Duration.ofSeconds(30));
    }

}

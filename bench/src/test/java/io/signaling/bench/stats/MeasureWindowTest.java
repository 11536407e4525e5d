package io.signaling.bench.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MeasureWindowTest {

    @Test
    void containsItsStartButNotItsEnd() {
        MeasureWindow window = new MeasureWindow();
        assertThat(window.contains(0)).isFalse();
        assertThat(window.seconds()).isZero();

        window.set(1_000_000, 31_000_000);

        assertThat(window.contains(999_999)).isFalse();
        assertThat(window.contains(1_000_000)).isTrue();
        assertThat(window.contains(30_999_999)).isTrue();
        assertThat(window.contains(31_000_000)).isFalse();
        assertThat(window.seconds()).isEqualTo(30.0);
    }

    @Test
    void refusesAWindowEndingBeforeItStarts() {
        assertThatThrownBy(() -> new MeasureWindow().set(2, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void wallClockMicrosComeFromTheInjectedClock() {
        java.time.Clock fixed = java.time.Clock.fixed(java.time.Instant.parse("2030-01-01T00:00:01.234567891Z"),
                java.time.ZoneOffset.UTC);

        assertThat(new WallClock(fixed).micros()).isEqualTo(1_893_456_001_234_567L);
    }

}

package io.signaling.bench.stats;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LatencyRecorderTest {

    @Test
    void onlySamplesInTheWindowReachTheTotalButAllReachTheInterval() {
        LatencyRecorder recorder = new LatencyRecorder();
        for (int i = 1; i <= 100; i++) {
            recorder.record(i * 1000L, true); // 1 ms .. 100 ms
        }
        recorder.record(5_000_000L, false); // a warm-up outlier of 5 s

        Percentiles total = Percentiles.ofMicros(recorder.total());
        Percentiles interval = Percentiles.ofMicros(recorder.interval());

        assertThat(total.count()).isEqualTo(100);
        assertThat(total.p50()).isCloseTo(50.0, org.assertj.core.data.Offset.offset(0.1));
        assertThat(total.p99()).isCloseTo(99.0, org.assertj.core.data.Offset.offset(0.1));
        assertThat(total.max()).isCloseTo(100.0, org.assertj.core.data.Offset.offset(0.1));
        assertThat(interval.count()).isEqualTo(101);
        assertThat(interval.max()).isCloseTo(5000.0, org.assertj.core.data.Offset.offset(5.0));
    }

    @Test
    void theIntervalStartsAfreshAndTheTotalAccumulates() {
        LatencyRecorder recorder = new LatencyRecorder();
        recorder.record(1000, true);
        recorder.interval();
        recorder.total();
        recorder.record(2000, true);

        assertThat(recorder.interval().getTotalCount()).isEqualTo(1);
        assertThat(recorder.total().getTotalCount()).isEqualTo(2);
    }

    @Test
    void negativeSamplesFromClockSkewCountAsZero() {
        LatencyRecorder recorder = new LatencyRecorder();
        recorder.record(-50, true);

        assertThat(Percentiles.ofMicros(recorder.total()).max()).isZero();
        assertThat(Percentiles.ofMicros(new LatencyRecorder().total())).isEqualTo(Percentiles.EMPTY);
    }

}

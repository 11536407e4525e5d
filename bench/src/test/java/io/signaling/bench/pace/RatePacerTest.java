package io.signaling.bench.pace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RatePacerTest {

    private static final long START = 5_000_000_000L; // any origin: nanoTime is not
                                                      // epoch-based

    private static final long MS = 1_000_000L;

    @Test
    void theFirstSendIsDueAtTheStartAndThenOneEveryPeriod() {
        RatePacer pacer = new RatePacer(1000, START);

        assertThat(pacer.take(START - 1)).isZero();
        assertThat(pacer.take(START)).isEqualTo(1);
        assertThat(pacer.take(START + MS / 2)).isZero();
        assertThat(pacer.take(START + MS)).isEqualTo(1);
        assertThat(pacer.take(START + 10 * MS)).isEqualTo(9);
        assertThat(pacer.issued()).isEqualTo(11);
    }

    @Test
    void oneSecondAtTheRateIssuesTheRateWhateverTheTickSize() {
        RatePacer coarse = new RatePacer(2000, START);
        RatePacer fine = new RatePacer(2000, START);
        long coarseTotal = 0;
        long fineTotal = 0;
        for (long t = START; t < START + 1000 * MS; t += 7 * MS) {
            coarseTotal += coarse.take(t);
        }
        for (long t = START; t < START + 1000 * MS; t += MS / 10) {
            fineTotal += fine.take(t);
        }
        coarseTotal += coarse.take(START + 1000 * MS - 1);
        fineTotal += fine.take(START + 1000 * MS - 1);

        assertThat(coarseTotal).isEqualTo(2000);
        assertThat(fineTotal).isEqualTo(2000);
    }

    @Test
    void aStalledTickerCatchesUpInsteadOfDroppingTheLoad() {
        RatePacer pacer = new RatePacer(100, START);
        pacer.take(START);

        // the ticker was stalled for half a second: the open loop still owes those sends
        assertThat(pacer.lateness(START + 500 * MS)).isEqualTo(490 * MS);
        assertThat(pacer.take(START + 500 * MS)).isEqualTo(50);
        assertThat(pacer.lateness(START + 500 * MS)).isZero();
    }

    @Test
    void fractionalRatesWork() {
        RatePacer pacer = new RatePacer(0.5, START);

        assertThat(pacer.take(START)).isEqualTo(1);
        assertThat(pacer.take(START + 1999 * MS)).isZero();
        assertThat(pacer.take(START + 2000 * MS)).isEqualTo(1);
        assertThat(pacer.scheduledNanos(2)).isEqualTo(START + 4000 * MS);
    }

    @Test
    void refusesAZeroOrNegativeRate() {
        assertThatThrownBy(() -> new RatePacer(0, START)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RatePacer(-1, START)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RatePacer(Double.NaN, START)).isInstanceOf(IllegalArgumentException.class);
    }

}

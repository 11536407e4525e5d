package io.signaling.bench.signal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StreamTrackerTest {

    private final StreamTracker stream = new StreamTracker("alice", "bob");

    private void send(int n) {
        for (int i = 0; i < n; i++) {
            stream.nextSeq();
        }
    }

    @Test
    void everythingDeliveredInOrderIsSettled() {
        send(3);

        assertThat(stream.received(0)).isEqualTo(StreamTracker.Arrival.IN_ORDER);
        assertThat(stream.received(1)).isEqualTo(StreamTracker.Arrival.IN_ORDER);
        assertThat(stream.settled()).isFalse();
        assertThat(stream.received(2)).isEqualTo(StreamTracker.Arrival.IN_ORDER);

        assertThat(stream.settled()).isTrue();
        assertThat(stream.counts()).isEqualTo(new StreamTracker.Counts(3, 0, 0, 3, 0, 0, 0));
    }

    @Test
    void aSecondCopyIsADuplicateAndNotReceivedTwice() {
        send(2);
        stream.received(0);
        stream.received(1);

        assertThat(stream.received(1)).isEqualTo(StreamTracker.Arrival.DUPLICATE);
        assertThat(stream.counts().received()).isEqualTo(2);
        assertThat(stream.counts().duplicates()).isEqualTo(1);
    }

    @Test
    void aSignalArrivingAfterALaterOneIsReordered() {
        send(3);
        stream.received(0);
        stream.received(2);

        assertThat(stream.received(1)).isEqualTo(StreamTracker.Arrival.REORDERED);
        assertThat(stream.counts().reordered()).isEqualTo(1);
        assertThat(stream.counts().lost()).isZero();
    }

    @Test
    void aRefusedSignalIsNotLostButOneNeverAnsweredIs() {
        send(4);
        stream.received(0);
        stream.refused(1);
        stream.received(3);

        StreamTracker.Counts counts = stream.counts();
        assertThat(counts.refused()).isEqualTo(1);
        assertThat(counts.lost()).isEqualTo(1); // seq 2
        assertThat(counts.reordered()).isZero(); // a gap is not a reorder
        assertThat(stream.settled()).isFalse();
    }

    @Test
    void acksAreCountedOnce() {
        send(2);
        stream.acked(0);
        stream.acked(0);
        stream.acked(1);

        assertThat(stream.counts().acked()).isEqualTo(2);
    }

    @Test
    void numbersNeverSentAreUnknownAndChangeNothing() {
        send(1);

        assertThat(stream.received(5)).isEqualTo(StreamTracker.Arrival.UNKNOWN);
        assertThat(stream.received(-1)).isEqualTo(StreamTracker.Arrival.UNKNOWN);
        stream.refused(9);
        assertThat(stream.counts()).isEqualTo(new StreamTracker.Counts(1, 0, 0, 0, 0, 0, 1));
    }

    @Test
    void countsAddUp() {
        StreamTracker.Counts a = new StreamTracker.Counts(1, 2, 3, 4, 5, 6, 7);

        assertThat(a.plus(a)).isEqualTo(new StreamTracker.Counts(2, 4, 6, 8, 10, 12, 14));
        assertThat(StreamTracker.Counts.ZERO.plus(a)).isEqualTo(a);
    }

}

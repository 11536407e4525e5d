package io.signaling.gateway.connection;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Contract §2: an {@code ack} means "in the log"; a {@code recipient-unavailable} of that
 * signal may only follow it.
 */
class AckFirstTest {

    private final List<String> queued = Collections.synchronizedList(new ArrayList<>());

    private final AckFirst answers = new AckFirst(queued::add);

    @Test
    void aRejectionThatCameBeforeItsAckIsQueuedRightAfterTheAck() {
        answers.appending(); // m1 -> partition 2, offset 7
        answers.appending(); // m2 -> partition 5, offset 40

        answers.rejected(2, 7, "unavailable-m1");
        assertThat(queued).as("the relay answered before the producer's callback ran").isEmpty();

        answers.acked(5, 40, "ack-m2");
        assertThat(queued).as("another partition's ack does not cover it").containsExactly("ack-m2");

        answers.acked(2, 7, "ack-m1");
        assertThat(queued).containsExactly("ack-m2", "ack-m1", "unavailable-m1");
        assertThat(answers.parked()).isZero();
    }

    @Test
    void aRejectionOfASignalAlreadyAckedGoesOutAtOnceWhileOtherAppendsAreInFlight() {
        answers.appending();
        answers.acked(2, 7, "ack-m1");
        answers.appending(); // m2, still in flight

        answers.rejected(2, 7, "unavailable-m1");
        answers.rejected(2, 3, "unavailable-replayed");

        assertThat(queued).containsExactly("ack-m1", "unavailable-m1", "unavailable-replayed");
    }

    @Test
    void withNoAppendInFlightARejectionGoesOutAtOnce() {
        answers.rejected(9, 100, "unavailable-old");

        assertThat(queued).containsExactly("unavailable-old");
    }

    @Test
    void aLaterAckOfTheSamePartitionCoversEarlierOffsets() {
        answers.appending();
        answers.appending();
        answers.rejected(2, 7, "unavailable-m1");
        answers.rejected(2, 9, "unavailable-m2");

        answers.acked(2, 8, "ack-m1"); // m1 landed at 8 after all: the rejection naming 7
                                       // is covered too

        assertThat(queued).containsExactly("ack-m1", "unavailable-m1");
        answers.acked(2, 9, "ack-m2");
        assertThat(queued).containsExactly("ack-m1", "unavailable-m1", "ack-m2", "unavailable-m2");
    }

    @Test
    void anAppendThatFailedAlthoughItsRecordLandedReleasesItsRejectionAfterItsError() {
        answers.appending();
        answers.appending();
        answers.rejected(2, 7, "unavailable-m1");

        answers.failed("overloaded-m1");
        assertThat(queued).as("m2 still in flight, its ack may cover it").containsExactly("overloaded-m1");

        answers.failed("overloaded-m2");
        assertThat(queued).containsExactly("overloaded-m1", "overloaded-m2", "unavailable-m1");
    }

    @Test
    void underARaceOfCallbackAndDeliveriesThreadsEveryAckPrecedesItsRejection() throws Exception {
        int signals = 20_000;
        for (int i = 0; i < signals; i++) {
            answers.appending();
        }
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch start = new CountDownLatch(1);
            Future<?> callbacks = threads.submit(() -> {
                start.await();
                for (int i = 0; i < signals; i++) {
                    answers.acked(i % 4, i / 4, "ack-" + i);
                }
                return null;
            });
            Future<?> rejections = threads.submit(() -> {
                start.await();
                for (int i = 0; i < signals; i++) {
                    answers.rejected(i % 4, i / 4, "unavailable-" + i);
                }
                return null;
            });
            start.countDown();
            callbacks.get();
            rejections.get();
        }
        finally {
            threads.shutdownNow();
        }

        assertThat(queued).hasSize(2 * signals);
        Map<String, Integer> position = new HashMap<>();
        for (int i = 0; i < queued.size(); i++) {
            position.put(queued.get(i), i);
        }
        for (int i = 0; i < signals; i++) {
            assertThat(position.get("ack-" + i)).as("ack-%d before its rejection", i)
                .isLessThan(position.get("unavailable-" + i));
        }
    }

}

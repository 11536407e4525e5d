package io.signaling.gateway.signal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class PairPathsTest {

    private final PairPaths paths = new PairPaths();

    @Test
    void aPairStartsOnTheRelayPath() {
        assertThat(paths.direct("bob")).isFalse();
        assertThat(paths.settled("bob")).isNull();
    }

    @Test
    void aPairTurnsDirectOnceEverySignalItGaveTheRelayIsAnswered() {
        PairPaths.Pair first = paths.relaying("bob");
        PairPaths.Pair second = paths.relaying("bob");
        CompletableFuture<Void> settled = paths.settled("bob");
        paths.relayed(first, 10);
        paths.relayed(second, 12);

        paths.answered("bob", 3, 10);
        assertThat(paths.direct("bob")).isFalse();
        assertThat(settled).isNotDone();

        paths.answered("bob", 3, 12);
        assertThat(paths.direct("bob")).isTrue();
        assertThat(settled).isDone();
    }

    @Test
    void anAnswerBeforeTheProducersCallbackCountsOnceTheCallbackRuns() {
        PairPaths.Pair pair = paths.relaying("bob");
        paths.answered("bob", 3, 7);
        assertThat(paths.direct("bob")).isFalse();

        paths.relayed(pair, 7);

        assertThat(paths.direct("bob")).isTrue();
    }

    @Test
    void aSignalStillBeingAppendedKeepsThePairOnTheRelay() {
        PairPaths.Pair first = paths.relaying("bob");
        paths.relayed(first, 5);
        paths.relaying("bob");

        paths.answered("bob", 3, 5);

        assertThat(paths.direct("bob")).isFalse();
    }

    @Test
    void aNewRelaySignalTakesADirectPairBackUntilItIsAnswered() {
        paths.relayed(paths.relaying("bob"), 5);
        paths.answered("bob", 3, 5);
        assertThat(paths.direct("bob")).isTrue();

        PairPaths.Pair again = paths.relaying("bob");

        assertThat(paths.direct("bob")).isFalse();
        CompletableFuture<Void> settled = paths.settled("bob");
        assertThat(settled).isNotDone();
        paths.relayed(again, 9);
        paths.answered("bob", 3, 9);
        assertThat(settled).isDone();
    }

    @Test
    void answersOfDirectSignalsAndOfOtherRecipientsSayNothingAboutThePair() {
        paths.relayed(paths.relaying("bob"), 5);

        paths.answered("bob", -3, 50);
        paths.answered("carol", 3, 50);

        assertThat(paths.direct("bob")).isFalse();
    }

    @Test
    void aRelaySignalThatWasNeverWrittenLeavesNothingToWaitFor() {
        paths.relayed(paths.relaying("bob"), -1);

        assertThat(paths.direct("bob")).isTrue();
    }

    @Test
    void aForgottenPairIsOnTheRelayPathAgain() {
        paths.relayed(paths.relaying("bob"), 5);
        paths.answered("bob", 3, 5);
        for (int i = 0; i < PairPaths.CAPACITY; i++) {
            paths.relaying("user-" + i);
        }

        assertThat(paths.direct("bob")).isFalse();
        assertThat(paths.settled("bob")).isNull();
    }

}

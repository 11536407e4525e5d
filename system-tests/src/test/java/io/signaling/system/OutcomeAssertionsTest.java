package io.signaling.system;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.signaling.system.Traffic.Outcome;
import io.signaling.system.Traffic.Pair;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The system tests' verdict on a pair's traffic fails for each way a broken platform
 * could deliver: out of order, twice, an acked signal missing, a signal delivered that
 * was never acked, and a signal delivered although its sender was answered an error
 * (issue 16: "nothing delivered was answered with an error").
 */
class OutcomeAssertionsTest {

    private static final Pair PAIR = new Pair("alice", "bob");

    @Test
    void everyAckedSignalOnceInOrderPasses() {
        assertThatCode(() -> outcome(List.of(1, 2, 3), List.of(1, 2, 3), Map.of(4, "overloaded"))
            .assertExactlyOnceInOrder(PAIR)).doesNotThrowAnyException();
    }

    @Test
    void outOfOrderFails() {
        assertThatThrownBy(() -> outcome(List.of(1, 2, 3), List.of(1, 3, 2), Map.of()).assertExactlyOnceInOrder(PAIR))
            .hasMessageContaining("in order");
    }

    @Test
    void aDuplicateFails() {
        assertThatThrownBy(() -> outcome(List.of(1, 2), List.of(1, 2, 2), Map.of()).assertExactlyOnceInOrder(PAIR))
            .hasMessageContaining("without duplicates");
    }

    @Test
    void anAckedSignalMissingFails() {
        assertThatThrownBy(() -> outcome(List.of(1, 2, 3), List.of(1, 3), Map.of()).assertExactlyOnceInOrder(PAIR))
            .hasMessageContaining("every acked signal received");
    }

    @Test
    void aSignalDeliveredButNeverAckedFails() {
        assertThatThrownBy(() -> outcome(List.of(1), List.of(1, 2), Map.of()).assertExactlyOnceInOrder(PAIR))
            .hasMessageContaining("every received signal acked");
    }

    @Test
    void aSignalDeliveredAndAnsweredAnErrorFails() {
        assertThatThrownBy(() -> outcome(List.of(1, 2), List.of(1, 2), Map.of(2, "recipient-unavailable"))
            .assertExactlyOnceInOrder(PAIR)).hasMessageContaining("no received signal answered with an error");
    }

    private static Outcome outcome(List<Integer> acked, List<Integer> received, Map<Integer, String> errors) {
        return new Outcome(Map.of(PAIR, acked), Map.of(PAIR, received), Map.of(PAIR, errors));
    }

}

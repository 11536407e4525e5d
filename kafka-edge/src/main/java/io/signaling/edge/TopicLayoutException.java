package io.signaling.edge;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The topics are not as the registry says, or Kafka could not tell: the message says
 * which and what to do.
 */
public final class TopicLayoutException extends RuntimeException {

    private final List<TopicLayout.Mismatch> mismatches;

    TopicLayoutException(List<TopicLayout.Mismatch> mismatches, String advice) {
        super(mismatches.stream().map(TopicLayout.Mismatch::toString).collect(Collectors.joining("; ")) + " (" + advice
                + ")");
        this.mismatches = List.copyOf(mismatches);
    }

    TopicLayoutException(String message, Throwable cause) {
        super(message, cause);
        this.mismatches = List.of();
    }

    /** Every difference found; empty when Kafka could not be asked. */
    public List<TopicLayout.Mismatch> mismatches() {
        return mismatches;
    }

}

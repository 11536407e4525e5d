package io.signaling.gateway.kafka;

/**
 * A write that failed before its record left this process ({@code send()} threw: no
 * metadata within {@code max.block.ms}, no buffer space, a closed producer): the record
 * is certainly not in the log. A failure reported by the producer's callback is not that:
 * a batch that timed out may have been appended by a broker that could not answer.
 */
public final class NotSentException extends RuntimeException {

    public NotSentException(Throwable cause) {
        super(cause.getClass().getSimpleName(), cause);
    }

}

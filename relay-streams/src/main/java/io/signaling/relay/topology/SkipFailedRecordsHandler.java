package io.signaling.relay.topology;

import java.util.Map;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code processing.exception.handler}, the backstop behind {@link SessionLedger}'s own
 * answer to a signal that fails: a record (or punctuation) whose processing still throws
 * is logged by its coordinates and the exception's class, counted, and skipped. Failing
 * instead would kill the stream thread, and its replacement would read the same record
 * again, forever. Never the record or the exception's message: either may hold signal
 * content.
 */
public final class SkipFailedRecordsHandler implements ProcessingExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(SkipFailedRecordsHandler.class);

    private RelayMetrics metrics;

    @Override
    public void configure(Map<String, ?> configs) {
        metrics = RelayMetrics.from(configs);
    }

    @Override
    public ProcessingHandlerResponse handle(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
        log.error("Skipping record topic={} partition={} offset={} at {}: processing failed ({})", context.topic(),
                context.partition(), context.offset(), context.processorNodeId(), Causes.classes(exception));
        if (metrics != null) {
            metrics.recordFailed("processing", context.topic());
        }
        return ProcessingHandlerResponse.CONTINUE;
    }

}

package io.signaling.relay.topology;

import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code deserialization.exception.handler}: a record that is not valid JSON or not a
 * known type is logged by coordinates, counted and skipped, so it never stalls its
 * partition. Only the exception's class is logged: its message may quote the record's
 * bytes (signal content, key hashes).
 */
public final class SkipBadRecordsHandler implements DeserializationExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(SkipBadRecordsHandler.class);

    private RelayMetrics metrics;

    @Override
    public void configure(Map<String, ?> configs) {
        metrics = RelayMetrics.from(configs);
    }

    @Override
    public DeserializationHandlerResponse handle(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record,
            Exception exception) {
        log.warn("Skipping unreadable record topic={} partition={} offset={} ({})", context.topic(),
                context.partition(), context.offset(), Causes.classes(exception));
        if (metrics != null) {
            metrics.skipped(context.topic());
        }
        return DeserializationHandlerResponse.CONTINUE;
    }

}

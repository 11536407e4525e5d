package io.signaling.relay.topology;

import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code production.exception.handler}: an output record that can never be written (too
 * large for the broker, refused as invalid, unserializable) is logged by the coordinates
 * of the input it came from, its topic and the exception's class, counted, and dropped,
 * so the task goes on. A write that may succeed later (a broker away, too few in-sync
 * replicas) is retried as by Kafka's default handler: the task re-processes from its last
 * commit, which the relay's idempotent branches allow. The ledger checks sizes and
 * serializes deliveries itself, so a signal's sender is normally answered before anything
 * reaches this handler.
 */
public final class DropUnwritableRecordsHandler implements ProductionExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(DropUnwritableRecordsHandler.class);

    private RelayMetrics metrics;

    @Override
    public void configure(Map<String, ?> configs) {
        metrics = RelayMetrics.from(configs);
    }

    @Override
    public ProductionExceptionHandlerResponse handle(ErrorHandlerContext context, ProducerRecord<byte[], byte[]> record,
            Exception exception) {
        if (exception instanceof RetriableException) {
            return ProductionExceptionHandlerResponse.RETRY;
        }
        return drop(context, record.topic(), exception);
    }

    @Override
    @SuppressWarnings("rawtypes")
    public ProductionExceptionHandlerResponse handleSerializationException(ErrorHandlerContext context,
            ProducerRecord record, Exception exception, SerializationExceptionOrigin origin) {
        return drop(context, record.topic(), exception);
    }

    private ProductionExceptionHandlerResponse drop(ErrorHandlerContext context, String topic, Exception exception) {
        log.error(
                "Dropping a record for topic {} from input topic={} partition={} offset={}: it cannot be written ({})",
                topic, context.topic(), context.partition(), context.offset(), Causes.classes(exception));
        if (metrics != null) {
            metrics.recordFailed("production", topic);
        }
        return ProductionExceptionHandlerResponse.CONTINUE;
    }

}

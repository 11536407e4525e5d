package io.signaling.gateway.report;

import io.signaling.gateway.kafka.RecordWriter;
import io.signaling.schemas.gateway.GatewayReport;
import io.signaling.schemas.topic.Topics;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The gateway-reports topic, keyed by userId: co-partitioned with the relay's other
 * inputs for that user.
 */
@Component
class KafkaReportSink implements ReportSink {

    private static final Logger log = LoggerFactory.getLogger(KafkaReportSink.class);

    private final RecordWriter writer;

    private final Topics topics;

    KafkaReportSink(RecordWriter writer, Topics topics) {
        this.writer = writer;
        this.topics = topics;
    }

    @Override
    public CompletableFuture<Void> report(GatewayReport report) {
        return writer.write(topics.gatewayReports(), report.userId(), report).handle((metadata, failure) -> {
            if (failure != null) {
                // The producer already retried until its delivery timeout: the relay will
                // not see this report.
                log.error("Report {} for {} not written: {}", report.getClass().getSimpleName(), report.userId(),
                        failure.toString());
            }
            return null;
        });
    }

}

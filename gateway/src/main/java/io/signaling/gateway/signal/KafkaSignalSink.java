package io.signaling.gateway.signal;

import io.signaling.gateway.kafka.RecordWriter;
import io.signaling.schemas.signal.SignalAccepted;
import io.signaling.schemas.topic.Topics;
import java.util.concurrent.CompletableFuture;
import org.springframework.stereotype.Component;

/**
 * The signals topic, keyed by recipient: all signals to one user share a partition, in
 * send order.
 */
@Component
class KafkaSignalSink implements SignalSink {

    private final RecordWriter writer;

    private final Topics topics;

    KafkaSignalSink(RecordWriter writer, Topics topics) {
        this.writer = writer;
        this.topics = topics;
    }

    @Override
    public CompletableFuture<Position> append(SignalAccepted signal) {
        return writer.write(topics.signals(), signal.to(), signal)
            .thenApply(metadata -> new Position(metadata.partition(), metadata.offset()));
    }

}

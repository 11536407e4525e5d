package io.signaling.gateway.signal;

import io.signaling.gateway.kafka.RecordWriter;
import io.signaling.schemas.delivery.Delivery;
import io.signaling.schemas.delivery.SignalDelivery;
import io.signaling.schemas.session.SessionState;
import io.signaling.schemas.signal.SignalAccepted;
import io.signaling.schemas.topic.Topics;
import java.util.concurrent.CompletableFuture;
import org.springframework.stereotype.Component;

/**
 * The two writes of {@link EdgeRouter}: the signals topic, keyed by recipient, so all
 * signals to one user share a partition in send order; or the recipient gateway's
 * deliveries partition, the record the relay would have written.
 */
@Component
class KafkaSignalWrites implements EdgeRouter.Writes {

    private final RecordWriter writer;

    private final Topics topics;

    KafkaSignalWrites(RecordWriter writer, Topics topics) {
        this.writer = writer;
        this.topics = topics;
    }

    @Override
    public CompletableFuture<SignalSink.Position> toRelay(SignalAccepted signal) {
        return writer.write(topics.signals(), signal.to(), signal)
            .thenApply(metadata -> new SignalSink.Position(metadata.partition(), metadata.offset()));
    }

    @Override
    public CompletableFuture<SignalSink.Position> direct(SessionState recipient, SignalAccepted signal) {
        Delivery delivery = new SignalDelivery(recipient.gatewayId(), recipient.deliveryPartition(), recipient.userId(),
                recipient.sessionId(), signal.id(), signal.from(), signal.to(), signal.content(), signal.sentAt(),
                signal.senderSessionId(), signal.senderGatewayId(), signal.senderDeliveryPartition(),
                SignalDelivery.DIRECT, SignalDelivery.DIRECT);
        return writer.write(topics.deliveries(), recipient.deliveryPartition(), signal.to(), delivery)
            .thenApply(metadata -> new SignalSink.Position(SignalDelivery.directSource(metadata.partition()),
                    metadata.offset()));
    }

}

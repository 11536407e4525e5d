package io.signaling.gateway.delivery;

import io.signaling.gateway.config.EdgeRoutingProperties;
import io.signaling.gateway.kafka.RecordWriter;
import io.signaling.schemas.delivery.Delivery;
import io.signaling.schemas.delivery.SignalDelivery;
import io.signaling.schemas.delivery.SignalReceipt;
import io.signaling.schemas.topic.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Tells a signal's sender that the relay's delivery of it is here: a
 * {@link SignalReceipt} in the sender's gateway's deliveries partition
 * (docs/architecture.md, "Edge routing"). Written by the recipient's gateway once it has
 * read the delivery, so the delivery is in this partition before the receipt exists; a
 * direct signal the sender writes after seeing the receipt lands behind it, whatever the
 * relay's producer retried.
 */
@Component
class ReceiptWriter {

    private static final Logger log = LoggerFactory.getLogger(ReceiptWriter.class);

    private final RecordWriter writer;

    private final Topics topics;

    private final boolean edgeRouting;

    ReceiptWriter(RecordWriter writer, Topics topics, EdgeRoutingProperties edgeRouting) {
        this.writer = writer;
        this.topics = topics;
        this.edgeRouting = edgeRouting.enabled();
    }

    /**
     * The relay's delivery {@code signal} was handed to its connection here. A receipt
     * that is not written leaves the pair on the relay path, nothing more. None with edge
     * routing off: every gateway of a platform has the same setting, and no sender's
     * gateway waits for one.
     */
    void delivered(SignalDelivery signal) {
        if (!edgeRouting) {
            return;
        }
        Delivery receipt = new SignalReceipt(signal.senderGatewayId(), signal.senderDeliveryPartition(), signal.from(),
                signal.senderSessionId(), signal.id(), signal.to(), signal.sourcePartition(), signal.sourceOffset());
        writer.write(topics.deliveries(), signal.senderDeliveryPartition(), signal.from(), receipt)
            .whenComplete((metadata, failure) -> {
                if (failure != null) {
                    log.debug("Receipt of signals partition {} offset {} not written: {}", signal.sourcePartition(),
                            signal.sourceOffset(), failure.getClass().getName());
                }
            });
    }

}

package io.signaling.schemas.delivery;

import io.signaling.schemas.json.RawJson;
import java.time.Instant;

/**
 * A signal for its recipient: becomes the contract's {@code {"type":"signal",...}} frame.
 */
public record SignalDelivery(String gatewayId, int deliveryPartition, String userId, String sessionId, String id,
        String from, String to, RawJson content, Instant sentAt, String senderSessionId, String senderGatewayId,
        int senderDeliveryPartition, int sourcePartition, long sourceOffset) implements Delivery {

    /**
     * The {@code sourcePartition} (and {@code sourceOffset}) a sender's gateway writes on
     * a signal it routed straight to the recipient's gateway: there is no signals record.
     * The reading gateway names it by where it read it instead ({@link #directSource}).
     */
    public static final int DIRECT = -1;

    /** True when the sender's gateway wrote this, not the relay. */
    public boolean direct() {
        return sourcePartition < 0;
    }

    /**
     * The source partition of a direct signal read at {@code deliveriesPartition}:
     * negative, so it never equals a signals partition, and distinct per deliveries
     * partition, whose offsets then order it like a signals partition's.
     */
    public static int directSource(int deliveriesPartition) {
        return -2 - deliveriesPartition;
    }

    /** This signal named by the record it was read from (a direct one) instead. */
    public SignalDelivery withSource(int partition, long offset) {
        return new SignalDelivery(gatewayId, deliveryPartition, userId, sessionId, id, from, to, content, sentAt,
                senderSessionId, senderGatewayId, senderDeliveryPartition, partition, offset);
    }
}

package io.signaling.schemas.delivery;

import java.time.Instant;
import tools.jackson.databind.JsonNode;

/**
 * A signal for its recipient: becomes the contract's {@code {"type":"signal",...}} frame.
 */
public record SignalDelivery(String gatewayId, int deliveryPartition, String userId, String sessionId, String id,
        String from, String to, JsonNode content, Instant sentAt, String senderSessionId, String senderGatewayId,
        int senderDeliveryPartition, int sourcePartition, long sourceOffset) implements Delivery {
}

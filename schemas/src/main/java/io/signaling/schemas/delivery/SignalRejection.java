package io.signaling.schemas.delivery;

/**
 * A signal that could not be delivered, for its sender: becomes an {@code error} frame.
 */
public record SignalRejection(String gatewayId, int deliveryPartition, String userId, String sessionId, String id,
        String to, String code, String message, int sourcePartition, long sourceOffset) implements Delivery {

    public static final String RECIPIENT_UNAVAILABLE = "recipient-unavailable";

}

package io.signaling.schemas.delivery;

/**
 * A signal that could not be delivered, for its sender: the gateway turns it into a
 * {@code recipient-unavailable} error frame whose text it chooses by {@code reason}.
 * Records written before reasons were typed carry {@code code} and {@code message}
 * instead, which are ignored: they read with {@link RejectionReason#UNKNOWN}.
 */
public record SignalRejection(String gatewayId, int deliveryPartition, String userId, String sessionId, String id,
        String to, RejectionReason reason, int sourcePartition, long sourceOffset) implements Delivery {

    public SignalRejection {
        if (reason == null) {
            reason = RejectionReason.UNKNOWN;
        }
    }

}

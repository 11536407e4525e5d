package io.signaling.schemas.gateway;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.signaling.schemas.delivery.SignalDelivery;
import java.time.Instant;

/**
 * A delivery reached the gateway after its recipient's connection was gone. Keyed by the
 * recipient; the relay answers the sender with {@code recipient-unavailable}. It names
 * the signal and its sender, never its content: the relay only answers the sender, and a
 * record that wrapped the whole delivery was one level deeper than the signal, so deep
 * content could not be written.
 *
 * @param userId the recipient (the delivery's userId)
 * @param id the signal's id, for the sender's error frame
 * @param from the sender's userId
 * @param senderSessionId the sender's session: a rejection for an older session of that
 * userId is not theirs
 * @param senderGatewayId the sender's gateway
 * @param senderDeliveryPartition the deliveries partition that gateway consumes
 * @param sourcePartition the signal record's partition, for the gateway's de-duplication
 * @param sourceOffset the signal record's offset
 * @param at when the gateway gave up on it
 */
public record DeliveryFailed(String userId, String id, String from, String senderSessionId, String senderGatewayId,
        int senderDeliveryPartition, int sourcePartition, long sourceOffset, Instant at) implements GatewayReport {

    /**
     * The report of a delivery the gateway could not hand over; only its coordinates are
     * kept.
     */
    public DeliveryFailed(String userId, SignalDelivery delivery, Instant at) {
        this(userId, delivery.id(), delivery.from(), delivery.senderSessionId(), delivery.senderGatewayId(),
                delivery.senderDeliveryPartition(), delivery.sourcePartition(), delivery.sourceOffset(), at);
    }

    /**
     * Reads both shapes: gateways before 1.1 wrote the whole delivery under
     * {@code "delivery"} (content included); such records stay readable while they are in
     * the topic's retention. A field missing from both shapes reads as {@code null} or
     * {@code -1}, which the relay refuses.
     */
    @JsonCreator
    static DeliveryFailed read(@JsonProperty("userId") String userId, @JsonProperty("id") String id,
            @JsonProperty("from") String from, @JsonProperty("senderSessionId") String senderSessionId,
            @JsonProperty("senderGatewayId") String senderGatewayId,
            @JsonProperty("senderDeliveryPartition") Integer senderDeliveryPartition,
            @JsonProperty("sourcePartition") Integer sourcePartition, @JsonProperty("sourceOffset") Long sourceOffset,
            @JsonProperty("at") Instant at, @JsonProperty("delivery") Legacy delivery) {
        if (id == null && delivery != null) {
            return new DeliveryFailed(userId, delivery.id(), delivery.from(), delivery.senderSessionId(),
                    delivery.senderGatewayId(), orMissing(delivery.senderDeliveryPartition()),
                    orMissing(delivery.sourcePartition()), orMissing(delivery.sourceOffset()), at);
        }
        return new DeliveryFailed(userId, id, from, senderSessionId, senderGatewayId,
                orMissing(senderDeliveryPartition), orMissing(sourcePartition), orMissing(sourceOffset), at);
    }

    private static int orMissing(Integer value) {
        return value == null ? -1 : value;
    }

    private static long orMissing(Long value) {
        return value == null ? -1 : value;
    }

    /**
     * The fields of a pre-1.1 {@code "delivery"} that the relay needs; its content is
     * skipped.
     */
    record Legacy(String id, String from, String senderSessionId, String senderGatewayId,
            Integer senderDeliveryPartition, Integer sourcePartition, Long sourceOffset) {
    }
}

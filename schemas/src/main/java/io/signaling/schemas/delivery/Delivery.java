package io.signaling.schemas.delivery;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * Something for one connected user, on the deliveries topic, in the partition that the
 * user's gateway consumes. Written by relay-streams and, for a signal routed at the edge
 * ({@link SignalDelivery#DIRECT}) by the sender's gateway, and a {@link SignalReceipt} by
 * the recipient's gateway (docs/architecture.md).
 * {@code sourcePartition}/{@code sourceOffset} name the signal record it came from:
 * unique, and increasing per recipient, so a gateway drops the duplicates that
 * at-least-once processing may produce.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({ @JsonSubTypes.Type(value = SignalDelivery.class, name = "signal"),
        @JsonSubTypes.Type(value = SignalRejection.class, name = "rejection"),
        @JsonSubTypes.Type(value = SignalReceipt.class, name = "receipt") })
public sealed interface Delivery permits SignalDelivery, SignalRejection, SignalReceipt {

    /**
     * The gateway holding the connection; gateways sharing a partition skip the others'
     * records.
     */
    String gatewayId();

    /**
     * The deliveries partition that gateway consumes; the relay's sink partitions by it.
     */
    int deliveryPartition();

    /**
     * The connected user this is for: the recipient of a signal, the sender of a rejected
     * one.
     */
    String userId();

    /**
     * That user's session; a delivery for an older session of the same userId is not
     * theirs.
     */
    String sessionId();

    int sourcePartition();

    long sourceOffset();

}

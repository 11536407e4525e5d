package io.signaling.relay.topology;

import org.apache.kafka.common.serialization.Serializer;

/**
 * A delivery the ledger has already serialized, on its way to the deliveries sink.
 * Serializing in the processor, not in the sink, puts a failure (or a record too large to
 * write) where the signal's sender is known and can be answered
 * {@code recipient-unavailable}; in the sink it could only be dropped.
 *
 * @param partition the deliveries partition of the gateway it is for
 * ({@code Delivery.deliveryPartition})
 * @param json the {@code Delivery} as the deliveries topic's serde writes it
 */
record EncodedDelivery(int partition, byte[] json) {

    /** The sink's value serializer: the bytes are already there. */
    static final Serializer<EncodedDelivery> SERIALIZER = (topic, delivery) -> delivery == null ? null
            : delivery.json();

}

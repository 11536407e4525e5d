package io.signaling.relay.topology;

import java.util.Optional;
import java.util.Set;
import org.apache.kafka.streams.processor.StreamPartitioner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts each delivery in the partition its gateway consumes
 * ({@code Delivery.deliveryPartition}), not where its key would hash: gateways
 * {@code assign()} fixed partitions.
 */
public final class DeliveryPartitioner implements StreamPartitioner<String, EncodedDelivery> {

    private static final Logger log = LoggerFactory.getLogger(DeliveryPartitioner.class);

    @Override
    public Optional<Set<Integer>> partitions(String topic, String key, EncodedDelivery delivery, int numPartitions) {
        int partition = delivery.partition();
        if (partition < 0 || partition >= numPartitions) {
            // No gateway can read it there, and hashing the key would hand it to the
            // wrong gateway.
            // An empty set drops it; this is a configuration error (deliveries topic
            // smaller than
            // the partitions gateways announce), so say so loudly.
            log.error("Dropping delivery for user {}: deliveryPartition {} is outside topic {} ({} partitions)", key,
                    partition, topic, numPartitions);
            return Optional.of(Set.of());
        }
        return Optional.of(Set.of(partition));
    }

}

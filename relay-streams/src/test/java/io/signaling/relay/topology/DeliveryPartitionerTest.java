package io.signaling.relay.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The driver's output records carry no partition, so the partitioner is checked on its
 * own.
 */
class DeliveryPartitionerTest {

    private final DeliveryPartitioner partitioner = new DeliveryPartitioner();

    @Test
    void aDeliveryGoesToThePartitionItsGatewayConsumesWhateverItsKeyHashesTo() {
        for (int partition = 0; partition < 16; partition++) {
            assertThat(partitioner.partitions("deliveries", "alice", rejectionTo(partition), 16))
                .isEqualTo(Optional.of(Set.of(partition)));
        }
    }

    @Test
    void aPartitionOutsideTheTopicIsDroppedRatherThanHashedToAnotherGateway() {
        assertThat(partitioner.partitions("deliveries", "alice", rejectionTo(16), 16)).isEqualTo(Optional.of(Set.of()));
        assertThat(partitioner.partitions("deliveries", "alice", rejectionTo(-1), 16)).isEqualTo(Optional.of(Set.of()));
    }

    private static EncodedDelivery rejectionTo(int partition) {
        return new EncodedDelivery(partition, new byte[] { '{', '}' });
    }

}

package io.signaling.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.signaling.platform.LaunchException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaStorageTest {

    @TempDir
    Path tmp;

    private BrokerConfig config() {
        return new BrokerConfig(tmp.resolve("kafka"), 9092, 9093);
    }

    private void formatted(String clusterId, int nodeId) throws IOException {
        Files.createDirectories(config().logDir());
        Files.writeString(config().logDir().resolve("meta.properties"),
                "version=1\ncluster.id=" + clusterId + "\nnode.id=" + nodeId + "\n");
    }

    @Test
    void aNewDataDirIsFormattedForANewClusterIdThatIsRecorded() {
        KafkaStorage.Plan plan = new KafkaStorage(config()).plan();

        assertThat(plan.format()).isTrue();
        assertThat(plan.clusterId()).hasSize(22);
        assertThat(new KafkaStorage(config()).plan().clusterId()).as("the id is kept for the next try")
            .isEqualTo(plan.clusterId());
    }

    @Test
    void aFormattedDataDirOfThisPlatformIsReusedAsIs() throws IOException {
        String clusterId = new KafkaStorage(config()).plan().clusterId();
        formatted(clusterId, 1);

        assertThat(new KafkaStorage(config()).plan()).isEqualTo(new KafkaStorage.Plan(clusterId, false));
    }

    @Test
    void aDataDirFormattedByAnotherClusterIsRefusedInOneLine() throws IOException {
        String ours = new KafkaStorage(config()).plan().clusterId();
        formatted("QmFkQ2x1c3RlcklkMDAwMA", 1);

        assertThatThrownBy(() -> new KafkaStorage(config()).plan()).isInstanceOf(LaunchException.class)
            .hasMessage("the Kafka data in " + config().logDir() + " belongs to cluster QmFkQ2x1c3RlcklkMDAwMA, "
                    + "not to this platform's cluster " + ours + "; use another --data-dir, or delete "
                    + config().logDir() + " to start empty")
            .hasMessageNotContaining("\n");
    }

    @Test
    void aDataDirOfAnotherNodeIsRefused() throws IOException {
        formatted("QmFkQ2x1c3RlcklkMDAwMA", 3);

        assertThatThrownBy(() -> new KafkaStorage(config()).plan()).isInstanceOf(LaunchException.class)
            .hasMessageContaining("was formatted for node 3");
    }

    @Test
    void aFormattedDirWithoutARecordIsAdopted() throws IOException {
        formatted("QmFkQ2x1c3RlcklkMDAwMA", 1);

        assertThat(new KafkaStorage(config()).plan()).isEqualTo(new KafkaStorage.Plan("QmFkQ2x1c3RlcklkMDAwMA", false));
        assertThat(Files.readString(config().kafkaDir().resolve("cluster.id")).trim())
            .isEqualTo("QmFkQ2x1c3RlcklkMDAwMA");
    }

}

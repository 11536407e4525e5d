package io.signaling.edge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;

class SignalPathProducerTest {

    @Test
    void idempotenceAcksAndOrderCannotBeWeakenedByConfiguration() {
        Map<String, Object> config = SignalPathProducer.apply(Map.of(ProducerConfig.ACKS_CONFIG, "1",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false, ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION,
                20, ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "kafka:9092"));

        assertThat(config).containsEntry(ProducerConfig.ACKS_CONFIG, "all")
            .containsEntry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true)
            .containsEntry(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5)
            .containsEntry(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "kafka:9092");
    }

    @Test
    void lingerIsZeroUnlessConfiguredAndFewerRequestsInFlightAreKept() {
        assertThat(SignalPathProducer.apply(Map.of())).containsEntry(ProducerConfig.LINGER_MS_CONFIG, 0);
        assertThat(SignalPathProducer.apply(Map.of(ProducerConfig.LINGER_MS_CONFIG, "2",
                ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "1")))
            .containsEntry(ProducerConfig.LINGER_MS_CONFIG, "2")
            .containsEntry(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
    }

}

package io.signaling.session.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.signaling.schemas.topic.Topics;
import io.signaling.schemas.topic.TopicsProperties;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;

/**
 * The command producer takes spring.kafka.producer.* as the gateway's and the relay's do,
 * and cannot be weakened.
 */
class CommandProducerSettingsTest {

    private final Topics topics = Topics.from(TopicsProperties.defaults("unit"));

    private final SessionProperties session = new SessionProperties(Duration.ofSeconds(10), Duration.ofSeconds(3));

    @Test
    void lingerIsZeroUnlessConfiguredAndAcksAndIdempotenceAreEnforced() {
        Map<String, Object> defaults = config(new KafkaProperties());
        KafkaProperties configured = new KafkaProperties();
        configured.getProducer().setAcks("1");
        configured.getProducer().getProperties().put(ProducerConfig.LINGER_MS_CONFIG, "5");
        configured.getProducer().getProperties().put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "false");

        assertThat(defaults).containsEntry(ProducerConfig.LINGER_MS_CONFIG, 0)
            .containsEntry(ProducerConfig.MAX_BLOCK_MS_CONFIG, 3_000L);
        assertThat(config(configured)).containsEntry(ProducerConfig.LINGER_MS_CONFIG, "5")
            .containsEntry(ProducerConfig.ACKS_CONFIG, "all")
            .containsEntry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    }

    private Map<String, Object> config(KafkaProperties kafka) {
        return ((DefaultKafkaProducerFactory<?, ?>) new KafkaConfiguration().sessionCommandProducerFactory(kafka,
                topics, session))
            .getConfigurationProperties();
    }

}

package io.signaling.relay.system;

import io.micrometer.core.instrument.MeterRegistry;
import io.signaling.relay.topology.RelayMetrics;
import io.signaling.relay.topology.SignalingTopology;
import io.signaling.schemas.topic.Topics;
import io.signaling.schemas.topic.TopicsProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import io.signaling.edge.TopicsConfiguration;

/**
 * Wires the pure topology to Spring: topics, the Streams lifecycle, health and metrics.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RelayProperties.class)
@Import(TopicsConfiguration.class)
class RelayConfiguration {

    @Bean
    RelayMetrics relayMetrics(MeterRegistry registry) {
        return new RelayMetrics(registry);
    }

    @Bean
    RelayStreams relayStreams(Topics topics, TopicsProperties topicsProperties, RelayProperties relay,
            KafkaProperties kafka, RelayMetrics metrics, MeterRegistry registry) {
        return new RelayStreams(
                SignalingTopology.build(topics, relay.settings()), RelayStreamsConfig.of(relay, topicsProperties,
                        kafka.buildStreamsProperties(), kafka.buildProducerProperties(), metrics),
                registry, relay.closeTimeout());
    }

    @Bean
    RelayHealthIndicator relayHealthIndicator(RelayStreams streams) {
        return new RelayHealthIndicator(streams);
    }

}

package io.signaling.gateway.system;

import io.micrometer.core.instrument.MeterRegistry;
import io.signaling.edge.TopicsConfiguration;
import io.signaling.gateway.config.GatewayIdentity;
import io.signaling.gateway.config.EdgeRoutingProperties;
import io.signaling.gateway.config.GatewayProperties;
import io.signaling.gateway.frame.FrameParser;
import io.signaling.gateway.kafka.KafkaClients;
import io.signaling.gateway.kafka.RecordWriter;
import io.signaling.gateway.signal.AdmissionControl;
import io.signaling.schemas.topic.Topics;
import io.signaling.schemas.topic.TopicsProperties;
import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;

/** Wiring of the gateway's identity, topics and Kafka clients. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ GatewayProperties.class, EdgeRoutingProperties.class, CorsProperties.class })
@Import(TopicsConfiguration.class)
class GatewayConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    GatewayIdentity gatewayIdentity(GatewayProperties properties, TopicsProperties topics, Environment environment,
            Clock clock) {
        return new GatewayIdentity(properties, topics.deliveryPartitions(),
                environment.getProperty("server.servlet.context-path", ""), clock.instant());
    }

    @Bean
    KafkaClients kafkaClients(KafkaProperties kafkaProperties) {
        return new KafkaClients(kafkaProperties);
    }

    @Bean(destroyMethod = "close")
    RecordWriter recordWriter(KafkaClients clients, GatewayIdentity identity) {
        return new RecordWriter(clients.producer("signaling-gateway-" + identity.id()));
    }

    /**
     * Signals may fill half the producer's buffer: the rest is for reports and
     * heartbeats, so send() never waits.
     */
    @Bean
    AdmissionControl admissionControl(GatewayProperties properties, KafkaClients clients, MeterRegistry meters) {
        return new AdmissionControl(properties.admission(), clients.producerBufferMemory() / 2, System::nanoTime,
                meters);
    }

    @Bean
    FrameParser frameParser(GatewayProperties properties) {
        return new FrameParser(properties.maxMessageBytes(), properties.content().limits());
    }

}

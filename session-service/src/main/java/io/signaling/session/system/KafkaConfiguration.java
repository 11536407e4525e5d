package io.signaling.session.system;

import io.signaling.edge.SignalPathProducer;
import io.signaling.schemas.session.SessionCommand;
import io.signaling.schemas.topic.Topics;
import io.signaling.schemas.topic.TopicsProperties;
import java.time.Clock;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import io.signaling.edge.TopicsConfiguration;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;

/**
 * Kafka wiring: the topic registry, topic creation, the command producer, and the clock.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SessionProperties.class)
@Import(TopicsConfiguration.class)
class KafkaConfiguration {

    /**
     * The session-commands producer, with the signal path's settings
     * ({@link SignalPathProducer}: idempotent with acks=all, so a retried append is
     * neither lost nor doubled; linger 0 unless
     * {@code spring.kafka.producer.properties.linger.ms} says otherwise, because a user
     * waits for every command). {@code max.block.ms} is the decision budget so an
     * unreachable broker fails a request instead of parking its thread for a minute.
     */
    @Bean
    ProducerFactory<String, SessionCommand> sessionCommandProducerFactory(KafkaProperties kafka, Topics topics,
            SessionProperties session) {
        Map<String, Object> config = SignalPathProducer.apply(kafka.buildProducerProperties());
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, session.decisionTimeout().toMillis());
        config.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "session-service-commands");
        return new DefaultKafkaProducerFactory<>(config, topics.sessionCommands().keySerde().serializer(),
                topics.sessionCommands().valueSerde().serializer());
    }

    @Bean
    KafkaTemplate<String, SessionCommand> sessionCommandTemplate(ProducerFactory<String, SessionCommand> factory) {
        return new KafkaTemplate<>(factory);
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

}

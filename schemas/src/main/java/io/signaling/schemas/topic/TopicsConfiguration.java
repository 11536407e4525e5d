package io.signaling.schemas.topic;

import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * The topic registry as Spring beans, imported by every service: {@code signaling.topics.*} bound,
 * the {@link Topics} built from it, and every topic created at start-up if missing (idempotent:
 * every service declares the same set, so start order does not matter).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TopicsProperties.class)
public class TopicsConfiguration {

    @Bean
    Topics topics(TopicsProperties properties) {
        return Topics.from(properties);
    }

    @Bean
    KafkaAdmin.NewTopics signalingTopics(Topics topics, TopicsProperties properties) {
        return new KafkaAdmin.NewTopics(topics.newTopics(properties).toArray(NewTopic[]::new));
    }
}

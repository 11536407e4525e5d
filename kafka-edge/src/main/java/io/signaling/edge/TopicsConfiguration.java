package io.signaling.edge;

import io.signaling.schemas.topic.Topics;
import io.signaling.schemas.topic.TopicsProperties;
import java.time.Duration;
import org.apache.kafka.clients.admin.Admin;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The topic registry as a Spring bean, imported by every service:
 * {@code signaling.topics.*} bound, and the {@link Topics} built from it once the brokers
 * have shown that every topic exists with the partitions and cleanup policy it expects.
 * Every Kafka bean of a service needs {@link Topics}, so a service on topics it does not
 * expect fails at start, naming the topic, before it reads or writes anything. Services
 * never create or alter a topic: {@code signaling topics create} does.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TopicsProperties.class)
public class TopicsConfiguration {

    /** How long a starting service waits for the brokers to describe the topics. */
    static final Duration CHECK_TIMEOUT = Duration.ofSeconds(30);

    @Bean
    Topics topics(TopicsProperties properties, KafkaProperties kafka) {
        Topics topics = Topics.from(properties);
        try (Admin admin = Admin.create(kafka.buildAdminProperties())) {
            new TopicLayout(admin, CHECK_TIMEOUT).check(topics.all());
        }
        return topics;
    }

}

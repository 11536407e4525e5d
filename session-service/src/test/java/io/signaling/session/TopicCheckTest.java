package io.signaling.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.signaling.edge.TopicLayout;
import io.signaling.edge.TopicSettings;
import io.signaling.schemas.topic.Topic;
import io.signaling.schemas.topic.Topics;
import io.signaling.schemas.topic.TopicsProperties;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * The service checks its topics at start and never alters one: started with
 * {@code signaling.topics.partitions=3} on topics created with 2, it refuses to start,
 * naming the topic, the expected and the found count, and the topics keep their 2
 * partitions.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class TopicCheckTest {

    private static final String PREFIX = "it-check-" + UUID.randomUUID().toString().substring(0, 8);

    private final EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 1);

    @BeforeAll
    void startBroker() {
        broker.afterPropertiesSet();
    }

    @AfterAll
    void stopBroker() {
        broker.destroy();
    }

    @Test
    void aServiceOnTopicsWithOtherPartitionCountsRefusesToStartAndAltersNothing() throws Exception {
        TopicsProperties created = settings(2);
        TopicLayout.create(admin(), created, Duration.ofSeconds(30));
        Topics expected = Topics.from(settings(3));

        assertThatThrownBy(() -> new SpringApplicationBuilder(SessionServiceApplication.class).run(
                "--spring.config.name=" + SessionServiceApplication.CONFIG_NAME,
                "--spring.kafka.bootstrap-servers=" + broker.getBrokersAsString(), "--server.port=0",
                "--management.server.port=0", "--spring.main.banner-mode=off", "--signaling.topics.prefix=" + PREFIX,
                "--signaling.topics.partitions=3", "--signaling.topics.delivery-partitions=2"))
            .rootCause()
            .hasMessageContaining("topic " + expected.sessionCommands().name() + ": partitions expected 3, found 2")
            .hasMessageContaining("topic " + expected.sessions().name() + ": partitions expected 3, found 2")
            .hasMessageNotContaining(expected.deliveries().name()); // laid out as
                                                                    // expected

        try (Admin admin = Admin.create(admin())) {
            Map<String, TopicDescription> after = admin
                .describeTopics(Topics.from(created).all().stream().map(Topic::name).toList())
                .allTopicNames()
                .get();
            assertThat(after.get(expected.sessions().name()).partitions()).as("unchanged").hasSize(2);
            assertThat(after.get(expected.sessionCommands().name()).partitions()).as("unchanged").hasSize(2);
        }
    }

    private TopicsProperties settings(int partitions) {
        return TopicSettings.bind(Map.of("signaling.topics.prefix", PREFIX, "signaling.topics.partitions", partitions,
                "signaling.topics.delivery-partitions", 2), Map.of());
    }

    private Map<String, Object> admin() {
        return Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString());
    }

}

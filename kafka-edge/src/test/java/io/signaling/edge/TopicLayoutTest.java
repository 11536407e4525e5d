package io.signaling.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.signaling.schemas.topic.Topic;
import io.signaling.schemas.topic.Topics;
import io.signaling.schemas.topic.TopicsProperties;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * What {@code signaling topics create} runs, and what every service checks at start, on a
 * real broker.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class TopicLayoutTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

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
    void createIsIdempotentAndTheCreatedTopicsPassTheCheck() {
        TopicsProperties settings = settings("idempotent", 3);
        Topics topics = Topics.from(settings);

        TopicLayout.Created first = TopicLayout.create(admin(), settings, TIMEOUT);
        TopicLayout.Created second = TopicLayout.create(admin(), settings, TIMEOUT);

        assertThat(first.created()).containsExactlyInAnyOrderElementsOf(names(topics));
        assertThat(first.existing()).isEmpty();
        assertThat(second.created()).isEmpty();
        assertThat(second.existing()).containsExactlyInAnyOrderElementsOf(names(topics));
        try (Admin admin = Admin.create(admin())) {
            new TopicLayout(admin, TIMEOUT).check(topics.all()); // does not throw
        }
    }

    @Test
    void createRefusesToAlterATopicWithOtherPartitionsAndCreatesNothingElse() throws Exception {
        TopicsProperties two = settings("refuse", 2);
        TopicLayout.create(admin(), two, TIMEOUT);
        try (Admin admin = Admin.create(admin())) {
            admin.deleteTopics(List.of(Topics.from(two).signals().name())).all().get();
            await().atMost(TIMEOUT)
                .until(() -> !admin.listTopics().names().get().contains(Topics.from(two).signals().name()));
        }
        TopicsProperties three = settings("refuse", 3);
        Topics expected = Topics.from(three);

        assertThatThrownBy(() -> TopicLayout.create(admin(), three, TIMEOUT)).isInstanceOf(TopicLayoutException.class)
            .hasMessageContaining("topic " + expected.sessions().name() + ": partitions expected 3, found 2")
            .hasMessageContaining("never altered");

        try (Admin admin = Admin.create(admin())) {
            Map<String, TopicDescription> after = admin
                .describeTopics(List.of(expected.sessions().name(), expected.sessionCommands().name()))
                .allTopicNames()
                .get();
            assertThat(after.values()).allSatisfy(topic -> assertThat(topic.partitions()).as("unchanged").hasSize(2));
            assertThat(admin.listTopics().names().get()).as("a refused run creates nothing")
                .doesNotContain(expected.signals().name());
        }
    }

    @Test
    void theCheckNamesAMissingTopicAndAnotherCleanupPolicy() throws Exception {
        TopicsProperties settings = settings("check", 2);
        Topics topics = Topics.from(settings);
        try (Admin admin = Admin.create(admin())) {
            admin.createTopics(List.of(new NewTopic(topics.sessions().name(), 2, (short) 1)
                .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, "delete")))).all().get();
            await().atMost(TIMEOUT).until(() -> admin.listTopics().names().get().contains(topics.sessions().name()));

            assertThatThrownBy(() -> new TopicLayout(admin, TIMEOUT).check(topics.all()))
                .isInstanceOf(TopicLayoutException.class)
                .hasMessageContaining(
                        "topic " + topics.sessions().name() + ": cleanup.policy expected compact, found delete")
                .hasMessageContaining(
                        "topic " + topics.signals().name() + ": existence expected present, found missing");
            assertThat(admin
                .describeConfigs(List.of(new ConfigResource(ConfigResource.Type.TOPIC, topics.sessions().name())))
                .all()
                .get()
                .values()
                .iterator()
                .next()
                .get(TopicConfig.CLEANUP_POLICY_CONFIG)
                .value()).isEqualTo("delete");
        }
    }

    private TopicsProperties settings(String prefix, int partitions) {
        return TopicSettings.bind(Map.of("signaling.topics.prefix", prefix, "signaling.topics.partitions", partitions,
                "signaling.topics.delivery-partitions", 2), Map.of());
    }

    private Map<String, Object> admin() {
        return Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString());
    }

    private static List<String> names(Topics topics) {
        return topics.all().stream().map(Topic::name).toList();
    }

}

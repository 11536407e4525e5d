package io.signaling.edge;

import io.signaling.schemas.topic.Topic;
import io.signaling.schemas.topic.Topics;
import io.signaling.schemas.topic.TopicsProperties;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * The topics on the brokers against the registry's layout. {@link #create} is the one
 * owner of topic creation ({@code signaling topics create}, run before the services
 * start); every service {@link #check}s at start and refuses to run on topics it does not
 * expect. Nothing here ever alters an existing topic: more partitions would move userIds
 * to other partitions, a changed cleanup policy would drop table rows or keep a stream
 * forever.
 */
public final class TopicLayout {

    /** One way the brokers' topic differs from the registry's. */
    public record Mismatch(String topic, String setting, String expected, String found) {

        @Override
        public String toString() {
            return "topic " + topic + ": " + setting + " expected " + expected + ", found " + found;
        }
    }

    /**
     * What {@link #create} did: the topics it created and those that were there already,
     * as expected.
     */
    public record Created(List<String> created, List<String> existing) {

        /** In one line for a terminal. */
        public String describe() {
            return "topics: " + (created.isEmpty() ? "none created" : "created " + String.join(", ", created))
                    + (existing.isEmpty() ? "" : "; already there as expected: " + String.join(", ", existing));
        }
    }

    private final Admin admin;

    private final Duration timeout;

    public TopicLayout(Admin admin, Duration timeout) {
        this.admin = admin;
        this.timeout = timeout;
    }

    /**
     * {@link #create(Topics, TopicsProperties)} with an admin client of its own: what
     * {@code signaling
     * topics create}, the platform launcher and the test harnesses run.
     */
    public static Created create(Map<String, Object> adminConfig, TopicsProperties properties, Duration timeout) {
        Map<String, Object> config = new HashMap<>(adminConfig);
        config.putIfAbsent(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        try (Admin admin = Admin.create(config)) {
            return new TopicLayout(admin, timeout).create(Topics.from(properties), properties);
        }
    }

    /**
     * Throws {@link TopicLayoutException} naming every topic that is missing or laid out
     * otherwise.
     */
    public void check(Collection<Topic<String, ?>> expected) {
        List<Mismatch> mismatches = compare(expected);
        if (!mismatches.isEmpty()) {
            throw new TopicLayoutException(mismatches, "run 'signaling topics create' with the same "
                    + "signaling.topics.* settings before the services; an existing topic is never altered");
        }
    }

    /**
     * Creates the missing topics of {@code topics}; idempotent. Throws
     * {@link TopicLayoutException} when an existing topic is laid out otherwise, and
     * leaves it as it is.
     */
    public Created create(Topics topics, TopicsProperties properties) {
        List<Mismatch> before = compare(topics.all());
        List<Mismatch> different = before.stream().filter(m -> !m.setting().equals(EXISTENCE)).toList();
        if (!different.isEmpty()) {
            throw new TopicLayoutException(different, "an existing topic is never altered: recreate it by hand, "
                    + "or use other signaling.topics.* settings (e.g. another prefix)");
        }
        List<String> missing = before.stream().map(Mismatch::topic).toList();
        List<NewTopic> toCreate = topics.newTopics(properties)
            .stream()
            .filter(t -> missing.contains(t.name()))
            .toList();
        for (Map.Entry<String, KafkaFuture<Void>> result : admin.createTopics(toCreate).values().entrySet()) {
            try {
                await(result.getValue());
            }
            catch (TopicLayoutException e) {
                if (!(e.getCause() instanceof TopicExistsException)) { // created
                                                                       // meanwhile by
                                                                       // another run:
                                                                       // checked below
                    throw e;
                }
            }
        }
        awaitCreated(topics.all());
        List<String> existing = topics.all().stream().map(Topic::name).filter(name -> !missing.contains(name)).toList();
        return new Created(missing, existing);
    }

    static final String EXISTENCE = "existence";

    private static final long METADATA_RETRY_MILLIS = 100;

    /**
     * A topic just created may not be in the metadata the next request is answered from:
     * ask again, bounded.
     */
    private void awaitCreated(Collection<Topic<String, ?>> expected) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Mismatch> mismatches = compare(expected);
        while (!mismatches.isEmpty() && mismatches.stream().allMatch(m -> m.setting().equals(EXISTENCE))
                && System.nanoTime() < deadline) {
            try {
                Thread.sleep(METADATA_RETRY_MILLIS);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            mismatches = compare(expected);
        }
        if (!mismatches.isEmpty()) {
            throw new TopicLayoutException(mismatches, "created, but not laid out as expected");
        }
    }

    private List<Mismatch> compare(Collection<Topic<String, ?>> expected) {
        List<String> names = expected.stream().map(Topic::name).toList();
        Map<String, KafkaFuture<TopicDescription>> descriptions = admin.describeTopics(names).topicNameValues();
        List<Mismatch> mismatches = new ArrayList<>();
        List<Topic<String, ?>> present = new ArrayList<>();
        for (Topic<String, ?> topic : expected) {
            try {
                TopicDescription description = await(descriptions.get(topic.name()));
                present.add(topic);
                int found = description.partitions().size();
                if (found != topic.partitions()) {
                    mismatches.add(new Mismatch(topic.name(), "partitions", Integer.toString(topic.partitions()),
                            Integer.toString(found)));
                }
            }
            catch (TopicLayoutException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw e;
                }
                mismatches.add(new Mismatch(topic.name(), EXISTENCE, "present", "missing"));
            }
        }
        if (!present.isEmpty()) {
            Map<ConfigResource, KafkaFuture<Config>> configs = admin
                .describeConfigs(present.stream()
                    .map(topic -> new ConfigResource(ConfigResource.Type.TOPIC, topic.name()))
                    .collect(Collectors.toList()))
                .values();
            for (Topic<String, ?> topic : present) {
                Config config;
                try {
                    config = await(configs.get(new ConfigResource(ConfigResource.Type.TOPIC, topic.name())));
                }
                catch (TopicLayoutException e) {
                    // described from metadata that still had a topic being deleted: it is
                    // missing
                    if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                        throw e;
                    }
                    mismatches.removeIf(m -> m.topic().equals(topic.name()));
                    mismatches.add(new Mismatch(topic.name(), EXISTENCE, "present", "missing"));
                    continue;
                }
                String expectedPolicy = topic.cleanupPolicy().name().toLowerCase(Locale.ROOT);
                String found = config.get(TopicConfig.CLEANUP_POLICY_CONFIG) == null ? "none"
                        : config.get(TopicConfig.CLEANUP_POLICY_CONFIG).value();
                if (!found.equals(expectedPolicy)) {
                    mismatches
                        .add(new Mismatch(topic.name(), TopicConfig.CLEANUP_POLICY_CONFIG, expectedPolicy, found));
                }
            }
        }
        return mismatches;
    }

    private <T> T await(KafkaFuture<T> future) {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TopicLayoutException("interrupted while asking Kafka about the topics", e);
        }
        catch (ExecutionException e) {
            throw new TopicLayoutException(
                    "Kafka could not describe or create the topics (" + e.getCause().getClass().getSimpleName() + ")",
                    e.getCause());
        }
        catch (TimeoutException e) {
            throw new TopicLayoutException("Kafka did not answer about the topics within " + timeout.toSeconds() + " s",
                    e);
        }
    }

}

package io.signaling.schemas.topic;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

import io.signaling.schemas.Samples;
import io.signaling.schemas.topic.Topic.CleanupPolicy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.util.unit.DataSize;

/** The topic table of docs/architecture.md, as every service creates it. */
class TopicsTest {

    private static final TopicsProperties CUSTOM = new TopicsProperties("acme", 5, 9, (short) 3, 2, Duration.ofDays(2),
            Duration.ofDays(10), Duration.ofDays(3), DataSize.ofMegabytes(256), DataSize.ofGigabytes(2));

    private final Topics topics = Topics.from(CUSTOM);

    @Test
    void namesCarryThePrefix() {
        assertThat(topics.all()).extracting(Topic::name)
            .containsExactly("acme.session-commands", "acme.gateway-reports", "acme.signals", "acme.session-events",
                    "acme.sessions", "acme.deliveries", "acme.gateways");
        assertThat(Topics.from(TopicsProperties.defaults("signaling")).signals().name()).isEqualTo("signaling.signals");
        assertThat(Topics.from(TopicsProperties.defaults("")).signals().name()).isEqualTo("signals");
    }

    @Test
    void userIdKeyedTopicsTheRelayReadsAreCoPartitioned() {
        // The relay decides a userId's commands, reports and signals in one task only if
        // they share a partition count.
        assertThat(List.of(topics.sessionCommands(), topics.gatewayReports(), topics.signals(), topics.sessionEvents(),
                topics.sessions()))
            .extracting(Topic::partitions)
            .containsOnly(CUSTOM.partitions());
        assertThat(topics.deliveries().partitions()).isEqualTo(CUSTOM.deliveryPartitions());
        assertThat(topics.gateways().partitions()).isEqualTo(1);
    }

    @Test
    void eachTopicHasItsOneWriter() {
        Map<String, String> writers = topics.all().stream().collect(Collectors.toMap(Topic::name, Topic::writer));

        assertThat(writers)
            .containsExactlyInAnyOrderEntriesOf(Map.ofEntries(entry("acme.session-commands", Topics.SESSION_SERVICE),
                    entry("acme.gateway-reports", Topics.GATEWAY), entry("acme.signals", Topics.GATEWAY),
                    entry("acme.session-events", Topics.RELAY), entry("acme.sessions", Topics.RELAY),
                    entry("acme.deliveries", Topics.RELAY), entry("acme.gateways", Topics.GATEWAY)));
    }

    @Test
    void onlyTheTablesAreCompactedAndKeptForever() {
        Map<String, NewTopic> created = newTopics();

        assertThat(topics.all()).filteredOn(topic -> topic.cleanupPolicy() == CleanupPolicy.COMPACT)
            .extracting(Topic::name)
            .containsExactlyInAnyOrder("acme.sessions", "acme.gateways");
        assertThat(created.get("acme.sessions").configs()).containsEntry(TopicConfig.CLEANUP_POLICY_CONFIG, "compact")
            .containsEntry(TopicConfig.RETENTION_MS_CONFIG, "-1");
        assertThat(created.get("acme.gateways").configs()).containsEntry(TopicConfig.CLEANUP_POLICY_CONFIG, "compact")
            .containsEntry(TopicConfig.RETENTION_MS_CONFIG, "-1");
        // The event log is the source of truth: compacting it would lose history the
        // replay needs.
        assertThat(created.get("acme.session-events").configs()).containsEntry(TopicConfig.CLEANUP_POLICY_CONFIG,
                "delete");
    }

    @Test
    void retentionComesFromTheProperties() {
        Map<String, NewTopic> created = newTopics();
        String signals = Long.toString(Duration.ofDays(2).toMillis());
        String events = Long.toString(Duration.ofDays(10).toMillis());
        String commands = Long.toString(Duration.ofDays(3).toMillis());

        assertThat(created.get("acme.signals").configs()).containsEntry(TopicConfig.RETENTION_MS_CONFIG, signals);
        assertThat(created.get("acme.deliveries").configs()).containsEntry(TopicConfig.RETENTION_MS_CONFIG, signals);
        assertThat(created.get("acme.session-events").configs()).containsEntry(TopicConfig.RETENTION_MS_CONFIG, events);
        assertThat(created.get("acme.session-commands").configs()).containsEntry(TopicConfig.RETENTION_MS_CONFIG,
                commands);
        assertThat(created.get("acme.gateway-reports").configs()).containsEntry(TopicConfig.RETENTION_MS_CONFIG,
                commands);
    }

    @Test
    void userIdKeyedLogsAreBoundedInBytesPerPartition() {
        Map<String, NewTopic> created = newTopics();
        String bytes = Long.toString(DataSize.ofMegabytes(256).toBytes());

        for (String name : List.of("acme.signals", "acme.deliveries", "acme.session-commands",
                "acme.gateway-reports")) {
            assertThat(created.get(name).configs()).as(name).containsEntry(TopicConfig.RETENTION_BYTES_CONFIG, bytes);
        }
        assertThat(created.get("acme.session-events").configs()).containsEntry(TopicConfig.RETENTION_BYTES_CONFIG,
                Long.toString(DataSize.ofGigabytes(2).toBytes()));
        // Compacted tables keep the latest row per key: a byte bound would delete live
        // rows.
        assertThat(created.get("acme.sessions").configs()).doesNotContainKey(TopicConfig.RETENTION_BYTES_CONFIG);
        assertThat(created.get("acme.gateways").configs()).doesNotContainKey(TopicConfig.RETENTION_BYTES_CONFIG);
    }

    @Test
    void newTopicsCarryTheLayoutOfEveryTopic() {
        Map<String, NewTopic> created = newTopics();

        assertThat(created).hasSize(7);
        topics.all().forEach(topic -> {
            NewTopic newTopic = created.get(topic.name());
            assertThat(newTopic.numPartitions()).isEqualTo(topic.partitions());
            assertThat(newTopic.replicationFactor()).isEqualTo((short) 3);
            assertThat(newTopic.configs()).containsEntry(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, "2");
        });
    }

    @Test
    void eachTopicsSerdeReadsTheRecordsOfTheTable() {
        assertRoundTrip(topics.sessionCommands(), Samples.createSession(), Samples.endSession());
        assertRoundTrip(topics.gatewayReports(), Samples.connectionOpened(), Samples.connectionClosed(),
                Samples.deliveryFailed());
        assertRoundTrip(topics.signals(), Samples.signalAccepted());
        assertRoundTrip(topics.sessionEvents(), Samples.sessionCreated(), Samples.sessionRefused(),
                Samples.sessionAcked(), Samples.sessionDeleted(), Samples.sessionExpired());
        assertRoundTrip(topics.sessions(), Samples.ackedState());
        assertRoundTrip(topics.deliveries(), Samples.signalDelivery(), Samples.signalRejection());
        assertRoundTrip(topics.gateways(), Samples.gatewayHeartbeat());
        assertThat(topics.sessions()
            .keySerde()
            .deserializer()
            .deserialize("t", topics.sessions().keySerde().serializer().serialize("t", "alice"))).isEqualTo("alice");
    }

    @Test
    void propertiesDefaultToTheDocumentedLayout() {
        TopicsProperties bound = bind(Map.of());

        assertThat(bound).isEqualTo(TopicsProperties.defaults("signaling"));
        assertThat(bound.partitions()).isEqualTo(12);
        assertThat(bound.deliveryPartitions()).isEqualTo(16);
        assertThat(bound.signalRetention()).isEqualTo(Duration.ofDays(7));
        assertThat(bound.commandRetention()).isEqualTo(Duration.ofDays(7));
        assertThat(bound.retentionBytes()).isEqualTo(DataSize.ofGigabytes(4));
        assertThat(Topics.from(bound).newTopics(bound)).filteredOn(t -> t.name().endsWith(".signals"))
            .singleElement()
            .satisfies(t -> assertThat(t.configs()).containsEntry(TopicConfig.RETENTION_BYTES_CONFIG,
                    Long.toString(4L << 30)));
        // The session-event log is never deleted by default: audit rebuild folds it from
        // the first event.
        assertThat(Topics.from(bound).sessionEvents().keepsForever()).isTrue();
        assertThat(Topics.from(bound).newTopics(bound)).filteredOn(t -> t.name().endsWith("session-events"))
            .singleElement()
            .satisfies(t -> assertThat(t.configs()).containsEntry(TopicConfig.RETENTION_MS_CONFIG, "-1")
                .containsEntry(TopicConfig.RETENTION_BYTES_CONFIG, "-1"));
    }

    @Test
    void propertiesBindFromSignalingTopics() {
        TopicsProperties bound = bind(Map.of("signaling.topics.prefix", "it-42", "signaling.topics.partitions", "3",
                "signaling.topics.signal-retention", "2h", "signaling.topics.replication-factor", "3",
                "signaling.topics.retention-bytes", "512MB"));

        assertThat(bound.prefix()).isEqualTo("it-42");
        assertThat(bound.partitions()).isEqualTo(3);
        assertThat(bound.signalRetention()).isEqualTo(Duration.ofHours(2));
        assertThat(bound.replicationFactor()).isEqualTo((short) 3);
        assertThat(bound.deliveryPartitions()).isEqualTo(16);
        assertThat(bound.retentionBytes()).isEqualTo(DataSize.ofMegabytes(512));
    }

    private Map<String, NewTopic> newTopics() {
        return topics.newTopics(CUSTOM).stream().collect(Collectors.toMap(NewTopic::name, Function.identity()));
    }

    @SafeVarargs
    private static <V> void assertRoundTrip(Topic<String, V> topic, V... records) {
        for (V record : records) {
            byte[] bytes = topic.valueSerde().serializer().serialize(topic.name(), record);
            assertThat(topic.valueSerde().deserializer().deserialize(topic.name(), bytes)).isEqualTo(record);
        }
    }

    private static TopicsProperties bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties)).bindOrCreate("signaling.topics",
                TopicsProperties.class);
    }

}

package io.signaling.relay.topology;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.signaling.schemas.delivery.Delivery;
import io.signaling.schemas.gateway.GatewayHeartbeat;
import io.signaling.schemas.gateway.GatewayReport;
import io.signaling.schemas.session.SessionCommand;
import io.signaling.schemas.session.SessionEvent;
import io.signaling.schemas.session.SessionState;
import io.signaling.schemas.signal.SignalAccepted;
import io.signaling.schemas.topic.Topics;
import io.signaling.schemas.topic.TopicsProperties;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The production topology in a {@link TopologyTestDriver}, configured like the real app
 * (the skipping deserialization handler, metrics in the config), with typed topics at its
 * edges.
 */
final class RelayDriver implements AutoCloseable {

    static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");
    static final Duration TTL = Duration.ofSeconds(30);
    static final Duration GATEWAY_TIMEOUT = Duration.ofSeconds(10);

    final Topics topics;

    final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    final TopologyTestDriver driver;

    final TestInputTopic<String, SessionCommand> commands;

    final TestInputTopic<String, GatewayReport> reports;

    final TestInputTopic<String, SignalAccepted> signals;

    final TestInputTopic<String, GatewayHeartbeat> gateways;

    final TestOutputTopic<String, SessionEvent> events;

    final TestOutputTopic<String, SessionState> sessions;

    final TestOutputTopic<String, Delivery> deliveries;

    RelayDriver(Path stateDir) {
        this(stateDir, new RelaySettings(TTL, Duration.ofSeconds(1), GATEWAY_TIMEOUT));
    }

    RelayDriver(Path stateDir, RelaySettings settings) {
        this(stateDir, Topics.from(TopicsProperties.defaults("test")), settings);
    }

    /**
     * With these topics' serdes: a test may hand the topology a serde that fails, as a
     * broken record would make it.
     */
    RelayDriver(Path stateDir, Topics topics, RelaySettings settings) {
        this.topics = topics;
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "relay-topology-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, SkipBadRecordsHandler.class);
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, SkipFailedRecordsHandler.class);
        props.put(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, DropUnwritableRecordsHandler.class);
        props.put(RelayMetrics.CONFIG, new RelayMetrics(registry));
        driver = new TopologyTestDriver(SignalingTopology.build(topics, settings), props, T0);
        StringSerializer keys = new StringSerializer();
        commands = driver.createInputTopic(topics.sessionCommands().name(), keys,
                topics.sessionCommands().valueSerde().serializer());
        reports = driver.createInputTopic(topics.gatewayReports().name(), keys,
                topics.gatewayReports().valueSerde().serializer());
        signals = driver.createInputTopic(topics.signals().name(), keys, topics.signals().valueSerde().serializer());
        gateways = driver.createInputTopic(topics.gateways().name(), keys, topics.gateways().valueSerde().serializer());
        StringDeserializer userIds = new StringDeserializer();
        events = driver.createOutputTopic(topics.sessionEvents().name(), userIds,
                topics.sessionEvents().valueSerde().deserializer());
        sessions = driver.createOutputTopic(topics.sessions().name(), userIds,
                topics.sessions().valueSerde().deserializer());
        deliveries = driver.createOutputTopic(topics.deliveries().name(), userIds,
                topics.deliveries().valueSerde().deserializer());
    }

    /** Raw bytes on any input topic, as a broken or foreign producer would write them. */
    void pipeRaw(String topic, String key, byte[] value) {
        driver.createInputTopic(topic, new StringSerializer(), new ByteArraySerializer()).pipeInput(key, value);
    }

    KeyValueStore<String, HeldSignal> heldStore() {
        return driver.getKeyValueStore(SignalingTopology.HELD_SIGNALS_STORE);
    }

    KeyValueStore<String, GatewayHeartbeat> gatewaysStore() {
        return driver.getKeyValueStore(SignalingTopology.GATEWAYS_STORE);
    }

    KeyValueStore<String, SessionState> sessionsStore() {
        return driver.getKeyValueStore(SignalingTopology.SESSIONS_STORE);
    }

    double skipped() {
        return registry.find(RelayMetrics.SKIPPED).counters().stream().mapToDouble(c -> c.count()).sum();
    }

    double failed(RelayMetrics.Failure failure) {
        return registry.get(RelayMetrics.FAILED)
            .tag("reason", failure.name().toLowerCase().replace('_', '-'))
            .counter()
            .count();
    }

    double recordsFailed(String handler) {
        return registry.find(RelayMetrics.RECORDS_FAILED)
            .tag("handler", handler)
            .counters()
            .stream()
            .mapToDouble(c -> c.count())
            .sum();
    }

    KeyValueStore<String, HeldBacklog> backlogsStore() {
        return driver.getKeyValueStore(SignalingTopology.HELD_BACKLOGS_STORE);
    }

    double routed(RelayMetrics.Outcome outcome) {
        return registry.get(RelayMetrics.ROUTED).tag("outcome", outcome.name().toLowerCase()).counter().count();
    }

    @Override
    public void close() {
        driver.close();
    }

}

package io.signaling.relay.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.signaling.relay.topology.DropUnwritableRecordsHandler;
import io.signaling.relay.topology.RelayMetrics;
import io.signaling.relay.topology.RelaySettings;
import io.signaling.relay.topology.SkipBadRecordsHandler;
import io.signaling.relay.topology.SkipFailedRecordsHandler;
import io.signaling.schemas.topic.TopicsProperties;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.util.unit.DataSize;

/**
 * The signal-path settings of docs/architecture.md win over anything in
 * {@code spring.kafka.*}.
 */
class RelayStreamsConfigTest {

    private final RelayProperties relay = new RelayProperties("my-relay", "/var/lib/relay", Duration.ofSeconds(30),
            Duration.ofSeconds(1), 1, 2, Duration.ofMillis(100), Duration.ofSeconds(30), StreamsConfig.AT_LEAST_ONCE,
            Duration.ofSeconds(10), new RelayProperties.Held(1000, DataSize.ofMegabytes(4), 200, Duration.ofMillis(10)),
            DataSize.ofBytes(1_000_000), null);

    private final RelayMetrics metrics = new RelayMetrics(new SimpleMeterRegistry());

    @Test
    void signalPathSettingsOverrideSpringKafkaProperties() {
        Map<String, Object> base = Map.of(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "kafka:9092", "producer.acks", "1",
                StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);

        Properties props = RelayStreamsConfig.of(relay, TopicsProperties.defaults("signaling"), base,
                Map.of("acks", "0", "enable.idempotence", false), metrics);

        StreamsConfig config = new StreamsConfig(props);
        assertThat(config.getList(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG)).containsExactly("kafka:9092");
        assertThat(config.getString(StreamsConfig.APPLICATION_ID_CONFIG)).isEqualTo("my-relay");
        assertThat(config.getString(StreamsConfig.STATE_DIR_CONFIG)).isEqualTo("/var/lib/relay");
        assertThat(config.getString(StreamsConfig.PROCESSING_GUARANTEE_CONFIG)).isEqualTo(StreamsConfig.AT_LEAST_ONCE);
        assertThat(config.getLong(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG)).isEqualTo(100);
        assertThat(config.getInt(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG)).isEqualTo(1);
        assertThat(config.getInt(StreamsConfig.NUM_STREAM_THREADS_CONFIG)).isEqualTo(2);
        assertThat(config.getLong(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG)).isZero();
        assertThat(config.getBoolean(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG)).isTrue();
        assertThat(config.getClass(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG))
            .isEqualTo(SkipBadRecordsHandler.class);
        assertThat(config.getClass(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG))
            .isEqualTo(SkipFailedRecordsHandler.class);
        assertThat(config.getClass(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG))
            .isEqualTo(DropUnwritableRecordsHandler.class);
        Map<String, Object> producer = config.getProducerConfigs("client");
        assertThat(producer).containsEntry("linger.ms", 0)
            .containsEntry("acks", "all")
            .containsEntry("enable.idempotence", true);
        assertThat(config.originals()).containsEntry(RelayMetrics.CONFIG, metrics);
    }

    @Test
    void aCrashedInstanceIsNoticedInSecondsNotKafkasFortyFive() {
        StreamsConfig config = new StreamsConfig(RelayStreamsConfig.of(relay, TopicsProperties.defaults("signaling"),
                Map.of(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "kafka:9092", "session.timeout.ms", 45_000), Map.of(),
                metrics));

        Map<String, Object> consumer = config.getMainConsumerConfigs("group", "client", 0);
        assertThat(consumer).containsEntry("session.timeout.ms", 6_000).containsEntry("heartbeat.interval.ms", 1_000);
    }

    @Test
    void theGroupSettingsAreTypedAndAHeartbeatTooSlowForTheTimeoutIsRefused() {
        RelayProperties.Group group = new RelayProperties.Group(Duration.ofSeconds(10), Duration.ofSeconds(3));
        assertThat(group.sessionTimeout()).isEqualTo(Duration.ofSeconds(10));

        org.assertj.core.api.Assertions
            .assertThatThrownBy(() -> new RelayProperties.Group(Duration.ofSeconds(6), Duration.ofSeconds(3)))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("at most a third");
    }

    @Test
    void theProducerSendsAtOnceUnlessLingerIsConfigured() {
        Properties unset = RelayStreamsConfig.of(relay, TopicsProperties.defaults("signaling"),
                Map.of(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "kafka:9092"), Map.of(), metrics);
        Properties set = RelayStreamsConfig.of(relay, TopicsProperties.defaults("signaling"),
                Map.of(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "kafka:9092", "producer.linger.ms", 2), Map.of(),
                metrics);
        // spring.kafka.producer.properties.linger.ms, as for the gateway's and
        // session-service's producers
        Properties asEverywhere = RelayStreamsConfig.of(relay, TopicsProperties.defaults("signaling"),
                Map.of(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "kafka:9092"), Map.of("linger.ms", 3), metrics);

        assertThat(new StreamsConfig(unset).getProducerConfigs("client")).containsEntry("linger.ms", 0);
        assertThat(new StreamsConfig(set).getProducerConfigs("client")).containsEntry("linger.ms", 2);
        assertThat(new StreamsConfig(asEverywhere).getProducerConfigs("client")).containsEntry("linger.ms", 3);
    }

    @Test
    void theStateDirDefaultsUnderTheTempDir() {
        RelayProperties defaults = new RelayProperties("signaling-relay", null, Duration.ofSeconds(30),
                Duration.ofSeconds(1), 0, 1, Duration.ofMillis(100), Duration.ofSeconds(30),
                StreamsConfig.AT_LEAST_ONCE, Duration.ofSeconds(10), null, DataSize.ofBytes(1_000_000), null);

        assertThat(defaults.stateDir()).startsWith(System.getProperty("java.io.tmpdir")).endsWith("signaling-relay");
    }

    @Test
    void heldSignalBoundsDefaultToTheContractsAndBindFromSignalingRelayHeld() {
        RelaySettings defaults = bind(Map.of()).settings();
        RelaySettings set = bind(Map.of("signaling.relay.held.max-signals", "10", "signaling.relay.held.max-bytes",
                "64KB", "signaling.relay.held.batch-size", "3", "signaling.relay.held.batch-interval", "50ms",
                "signaling.relay.max-record-bytes", "512KB"))
            .settings();

        assertThat(defaults.held())
            .isEqualTo(new RelaySettings.Held(1000, 4 * 1024 * 1024, 200, Duration.ofMillis(10)));
        assertThat(defaults.maxRecordBytes()).isEqualTo(1_000_000);
        assertThat(set.held()).isEqualTo(new RelaySettings.Held(10, 64 * 1024, 3, Duration.ofMillis(50)));
        assertThat(set.maxRecordBytes()).isEqualTo(512 * 1024);
    }

    private static RelayProperties bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties)).bindOrCreate("signaling.relay",
                RelayProperties.class);
    }

}

package io.signaling.relay.system;

import io.signaling.relay.topology.DropUnwritableRecordsHandler;
import io.signaling.relay.topology.RelayMetrics;
import io.signaling.relay.topology.SkipBadRecordsHandler;
import io.signaling.relay.topology.SkipFailedRecordsHandler;
import io.signaling.edge.SignalPathProducer;
import io.signaling.schemas.topic.TopicsProperties;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The Streams configuration of the relay: docs/architecture.md, "Settings on the signal
 * path".
 */
final class RelayStreamsConfig {

    /**
     * The consumer's internal switch {@code ConsumerConfig.LEAVE_GROUP_ON_CLOSE_CONFIG}
     * (not public).
     */
    static final String LEAVE_GROUP_ON_CLOSE = "internal.leave.group.on.close";

    private RelayStreamsConfig() {
    }

    /**
     * @param base what {@code spring.kafka.*} says (bootstrap servers, security,
     * {@code spring.kafka.streams.properties.*}); the settings below win over it because
     * the signal path depends on them
     * @param producer what {@code spring.kafka.producer.*} says, as for the other
     * services' producers
     */
    static Properties of(RelayProperties relay, TopicsProperties topics, Map<String, Object> base,
            Map<String, Object> producer, RelayMetrics metrics) {
        Properties props = new Properties();
        props.putAll(base);
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, relay.applicationId());
        props.put(StreamsConfig.STATE_DIR_CONFIG, relay.stateDir());
        // Every branch is idempotent and gateways de-duplicate; exactly_once_v2 would add
        // a commit
        // interval to every signal's latency.
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, relay.processingGuarantee());
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, relay.commitInterval().toMillis());
        props.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, relay.numStandbyReplicas());
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, relay.numStreamThreads());
        // No record cache: outputs leave at once instead of at the next commit or cache
        // flush.
        props.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0);
        // The signal path's producer settings (SignalPathProducer), over what
        // spring.kafka.producer.properties.*
        // and then spring.kafka.streams.properties.producer.* say: idempotent, acks=all,
        // and linger.ms 0 unless
        // configured (Streams' own default, 100 ms, would be added to call setup;
        // docs/performance.md).
        SignalPathProducer.settings(producerConfigured(producer, base))
            .forEach((key, value) -> props.put(StreamsConfig.producerPrefix(key), value));
        // Streams keeps a closing member in the group until its session times out (45 s),
        // to spare
        // rolling bounces a rebalance; for us those 45 s are signals nobody routes. Leave
        // at once.
        // (CloseOptions.leaveGroup only acts for static members.)
        props.put(StreamsConfig.mainConsumerPrefix(LEAVE_GROUP_ON_CLOSE), true);
        // A crashed instance cannot leave: the group notices it after the session timeout
        // (45 s by
        // default), and until then its partitions' signals wait. See
        // RelayProperties.Group.
        props.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, (int) relay.group().sessionTimeout().toMillis());
        props.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, (int) relay.group().heartbeatInterval().toMillis());
        // No record stops the relay: unreadable ones are skipped, one whose processing
        // still fails after
        // the ledger answered its sender is skipped, and an output that can never be
        // written is dropped;
        // each logged by coordinates and counted (docs/security.md). Failing would kill
        // the stream thread,
        // and its replacement would read the same record again, forever.
        props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, SkipBadRecordsHandler.class);
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, SkipFailedRecordsHandler.class);
        props.put(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, DropUnwritableRecordsHandler.class);
        props.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
        // Changelogs are as durable as the topics they mirror.
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, (int) topics.replicationFactor());
        props.put(StreamsConfig.topicPrefix(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG),
                Integer.toString(topics.minInsyncReplicas()));
        props.put(RelayMetrics.CONFIG, metrics);
        return props;
    }

    /**
     * The producer settings configured for the relay, as plain producer keys:
     * {@code spring.kafka.producer.*} as in every service, then
     * {@code spring.kafka.streams.properties.producer.*} over them.
     */
    private static Map<String, Object> producerConfigured(Map<String, Object> producer, Map<String, Object> base) {
        Map<String, Object> configured = new HashMap<>(producer);
        String prefix = StreamsConfig.PRODUCER_PREFIX;
        base.forEach((key, value) -> {
            if (key.startsWith(prefix)) {
                configured.put(key.substring(prefix.length()), value);
            }
        });
        return configured;
    }

}

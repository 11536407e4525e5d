package io.signaling.schemas.topic;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.Serde;

/**
 * One topic of the platform: its full name, serdes, layout and the one deployable that
 * writes it (deliveries has a second writer: gateways, for signals routed at the edge;
 * docs/architecture.md, "Edge routing").
 *
 * @param retention how long records are kept; {@code null}, zero or negative keeps them
 * forever
 * @param retentionBytes the most each partition keeps (Kafka's {@code retention.bytes},
 * the oldest segments go first); zero or negative: no bound. Compacted topics keep the
 * latest record per key instead
 */
public record Topic<K, V>(String name, Serde<K> keySerde, Serde<V> valueSerde, int partitions, short replicationFactor,
        CleanupPolicy cleanupPolicy, Duration retention, long retentionBytes, String writer) {

    public enum CleanupPolicy {

        DELETE(TopicConfig.CLEANUP_POLICY_DELETE), COMPACT(TopicConfig.CLEANUP_POLICY_COMPACT);

        private final String config;

        CleanupPolicy(String config) {
            this.config = config;
        }

    }

    public boolean keepsForever() {
        return retention == null || retention.isZero() || retention.isNegative();
    }

    public NewTopic newTopic(Map<String, String> extraConfigs) {
        Map<String, String> configs = new HashMap<>(extraConfigs);
        configs.put(TopicConfig.CLEANUP_POLICY_CONFIG, cleanupPolicy.config);
        configs.put(TopicConfig.RETENTION_MS_CONFIG, keepsForever() ? "-1" : Long.toString(retention.toMillis()));
        if (cleanupPolicy == CleanupPolicy.DELETE) {
            configs.put(TopicConfig.RETENTION_BYTES_CONFIG, retentionBytes > 0 ? Long.toString(retentionBytes) : "-1");
        }
        return new NewTopic(name, partitions, replicationFactor).configs(configs);
    }
}

package io.signaling.schemas.topic;

import java.time.Duration;
import org.springframework.util.unit.DataSize;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Layout of every topic, the same for every service ({@code signaling.topics.*}).
 *
 * @param prefix prepended to each topic name, e.g. {@code signaling} gives
 * {@code signaling.signals}
 * @param partitions partitions of the userId-keyed topics; they must be equal
 * (co-partitioned for the relay)
 * @param deliveryPartitions partitions of the deliveries topic: the most gateways that
 * get a partition of their own
 * @param replicationFactor 1 on one broker, 3 in production
 * @param minInsyncReplicas with acks=all, how many replicas must have a record before it
 * is acked
 * @param signalRetention how long accepted signals and deliveries are kept for the audit
 * trail
 * @param sessionEventRetention how long session events are kept; zero or negative keeps
 * them forever (the default), so {@code audit rebuild} always folds the whole log from
 * its first event
 * @param commandRetention how long session commands and gateway reports (inputs to the
 * relay) are kept
 * @param retentionBytes the most each partition of {@code signals}, {@code deliveries},
 * {@code session-commands} and {@code gateway-reports} keeps (Kafka's
 * {@code retention.bytes}, plus the segment being written); the oldest records go first
 * once it is reached, whatever their age. Zero or negative: no bound. Default 4 GiB
 * (docs/operations.md, "Retention")
 * @param sessionEventRetentionBytes the same bound for {@code session-events}; default
 * none, like its time retention, so that {@code audit rebuild} folds the whole log
 */
@ConfigurationProperties("signaling.topics")
public record TopicsProperties(@DefaultValue("signaling") String prefix, @DefaultValue("12") int partitions,
        @DefaultValue("16") int deliveryPartitions, @DefaultValue("1") short replicationFactor,
        @DefaultValue("1") int minInsyncReplicas, @DefaultValue("7d") Duration signalRetention,
        @DefaultValue("-1ms") Duration sessionEventRetention, @DefaultValue("7d") Duration commandRetention,
        @DefaultValue("4GB") DataSize retentionBytes, @DefaultValue("-1B") DataSize sessionEventRetentionBytes) {

    public static final DataSize DEFAULT_RETENTION_BYTES = DataSize.ofGigabytes(4);

    public static TopicsProperties defaults(String prefix) {
        return new TopicsProperties(prefix, 12, 16, (short) 1, 1, Duration.ofDays(7), Duration.ofMillis(-1),
                Duration.ofDays(7), DEFAULT_RETENTION_BYTES, DataSize.ofBytes(-1));
    }
}

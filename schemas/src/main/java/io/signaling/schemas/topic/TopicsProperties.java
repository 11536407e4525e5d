package io.signaling.schemas.topic;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Layout of every topic, the same for every service ({@code signaling.topics.*}).
 *
 * @param prefix                prepended to each topic name, e.g. {@code signaling} gives {@code signaling.signals}
 * @param partitions            partitions of the userId-keyed topics; they must be equal (co-partitioned for the relay)
 * @param deliveryPartitions    partitions of the deliveries topic: the most gateways that get a partition of their own
 * @param replicationFactor     1 on one broker, 3 in production
 * @param minInsyncReplicas     with acks=all, how many replicas must have a record before it is acked
 * @param signalRetention       how long accepted signals and deliveries are kept for the audit trail
 * @param sessionEventRetention how long session events are kept; zero or negative keeps them forever (the
 *                              default), so {@code audit rebuild} always folds the whole log from its first event
 * @param commandRetention      how long session commands and gateway reports (inputs to the relay) are kept
 */
@ConfigurationProperties("signaling.topics")
public record TopicsProperties(
        @DefaultValue("signaling") String prefix,
        @DefaultValue("12") int partitions,
        @DefaultValue("16") int deliveryPartitions,
        @DefaultValue("1") short replicationFactor,
        @DefaultValue("1") int minInsyncReplicas,
        @DefaultValue("7d") Duration signalRetention,
        @DefaultValue("-1ms") Duration sessionEventRetention,
        @DefaultValue("7d") Duration commandRetention) {

    public static TopicsProperties defaults(String prefix) {
        return new TopicsProperties(prefix, 12, 16, (short) 1, 1, Duration.ofDays(7), Duration.ofMillis(-1),
                Duration.ofDays(7));
    }
}

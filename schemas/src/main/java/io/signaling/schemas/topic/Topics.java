package io.signaling.schemas.topic;

import io.signaling.schemas.delivery.Delivery;
import io.signaling.schemas.gateway.GatewayHeartbeat;
import io.signaling.schemas.gateway.GatewayReport;
import io.signaling.schemas.json.Serdes;
import io.signaling.schemas.session.SessionCommand;
import io.signaling.schemas.session.SessionEvent;
import io.signaling.schemas.session.SessionState;
import io.signaling.schemas.signal.SignalAccepted;
import io.signaling.schemas.topic.Topic.CleanupPolicy;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.Serde;

/**
 * The immutable registry of every topic: name, serdes, layout and writer. Every module
 * takes its topics from here; docs/architecture.md has the same table in prose.
 */
public record Topics(Topic<String, SessionCommand> sessionCommands, Topic<String, GatewayReport> gatewayReports,
        Topic<String, SignalAccepted> signals, Topic<String, SessionEvent> sessionEvents,
        Topic<String, SessionState> sessions, Topic<String, Delivery> deliveries,
        Topic<String, GatewayHeartbeat> gateways) {

    public static final String SESSION_SERVICE = "session-service";

    public static final String GATEWAY = "gateway";

    public static final String RELAY = "relay-streams";

    public static Topics from(TopicsProperties p) {
        Serde<String> key = org.apache.kafka.common.serialization.Serdes.String();
        String prefix = p.prefix().isEmpty() ? "" : p.prefix() + ".";
        short rf = p.replicationFactor();
        long bytes = p.retentionBytes().toBytes();
        return new Topics(
                new Topic<>(prefix + "session-commands", key, Serdes.json(SessionCommand.class), p.partitions(), rf,
                        CleanupPolicy.DELETE, p.commandRetention(), bytes, SESSION_SERVICE),
                new Topic<>(prefix + "gateway-reports", key, Serdes.json(GatewayReport.class), p.partitions(), rf,
                        CleanupPolicy.DELETE, p.commandRetention(), bytes, GATEWAY),
                new Topic<>(prefix + "signals", key, Serdes.json(SignalAccepted.class), p.partitions(), rf,
                        CleanupPolicy.DELETE, p.signalRetention(), bytes, GATEWAY),
                new Topic<>(prefix + "session-events", key, Serdes.json(SessionEvent.class), p.partitions(), rf,
                        CleanupPolicy.DELETE, p.sessionEventRetention(), p.sessionEventRetentionBytes().toBytes(),
                        RELAY),
                new Topic<>(prefix + "sessions", key, Serdes.json(SessionState.class), p.partitions(), rf,
                        CleanupPolicy.COMPACT, null, -1, RELAY),
                new Topic<>(prefix + "deliveries", key, Serdes.json(Delivery.class), p.deliveryPartitions(), rf,
                        CleanupPolicy.DELETE, p.signalRetention(), bytes, RELAY),
                new Topic<>(prefix + "gateways", key, Serdes.json(GatewayHeartbeat.class), 1, rf, CleanupPolicy.COMPACT,
                        null, -1, GATEWAY));
    }

    public List<Topic<String, ?>> all() {
        return List.of(sessionCommands, gatewayReports, signals, sessionEvents, sessions, deliveries, gateways);
    }

    /**
     * Every topic as an admin {@link NewTopic}; services create them at start-up if
     * missing.
     */
    public List<NewTopic> newTopics(TopicsProperties p) {
        Map<String, String> extra = Map.of(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG,
                Integer.toString(p.minInsyncReplicas()));
        return all().stream().map(t -> t.newTopic(extra)).toList();
    }
}

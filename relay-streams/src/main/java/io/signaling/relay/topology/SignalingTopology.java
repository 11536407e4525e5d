package io.signaling.relay.topology;

import io.signaling.schemas.gateway.GatewayHeartbeat;
import io.signaling.schemas.session.SessionState;
import io.signaling.schemas.signal.SignalAccepted;
import io.signaling.schemas.topic.Topic;
import io.signaling.schemas.topic.Topics;
import java.util.Map;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The relay: one Processor API topology, built by a pure function that production and
 * tests call alike. The three inputs are co-partitioned by userId, so one task owns
 * everything about a user and every decision is a local read-modify-write of its stores.
 * The gateways' heartbeats are a global store beside them, so every task can tell whether
 * its sessions' gateways live. Every node and store is named here; {@code topology.txt}
 * in the tests pins the names, so renaming one (which would orphan a changelog) has to be
 * deliberate.
 */
public final class SignalingTopology {

    public static final String SESSION_COMMANDS_SOURCE = "session-commands-source";

    public static final String GATEWAY_REPORTS_SOURCE = "gateway-reports-source";

    public static final String SIGNALS_SOURCE = "signals-source";

    public static final String GATEWAYS_SOURCE = "gateways-source";

    public static final String SESSION_COMMAND_PROCESSOR = "session-command-processor";

    public static final String GATEWAY_REPORT_PROCESSOR = "gateway-report-processor";

    public static final String SIGNAL_PROCESSOR = "signal-processor";

    public static final String GATEWAY_HEARTBEAT_PROCESSOR = "gateway-heartbeat-processor";

    public static final String SESSION_EVENTS_SINK = "session-events-sink";

    public static final String SESSIONS_SINK = "sessions-sink";

    public static final String DELIVERIES_SINK = "deliveries-sink";

    /**
     * userId → {@link SessionState}, the live session table; its changelog is the relay's
     * own copy.
     */
    public static final String SESSIONS_STORE = "sessions-store";

    /**
     * {@link HeldSignal#key} → {@link HeldSignal}: signals waiting for their recipient to
     * connect.
     */
    public static final String HELD_SIGNALS_STORE = "held-signals-store";

    /**
     * userId → {@link HeldBacklog}: how much is held for a recipient, and whether it is
     * being released or answered.
     */
    public static final String HELD_BACKLOGS_STORE = "held-backlogs-store";

    /**
     * gatewayId → last {@link GatewayHeartbeat}: a global store (every instance holds all
     * of it, fed from the compacted gateways topic, which is its only copy: no
     * changelog). In memory, re-read at each start: one small record per gateway. A
     * tombstone leaves the last heartbeat ({@link GatewayHeartbeatProcessor}).
     */
    public static final String GATEWAYS_STORE = "gateways-store";

    private SignalingTopology() {
    }

    public static Topology build(Topics topics, RelaySettings settings) {
        Serde<String> userIds = Serdes.String();
        Topic<String, ?> commands = topics.sessionCommands();
        Topic<String, ?> reports = topics.gatewayReports();
        Topic<String, SignalAccepted> signals = topics.signals();

        Topology topology = new Topology();
        topology.addSource(SESSION_COMMANDS_SOURCE, commands.keySerde().deserializer(),
                commands.valueSerde().deserializer(), commands.name());
        topology.addSource(GATEWAY_REPORTS_SOURCE, reports.keySerde().deserializer(),
                reports.valueSerde().deserializer(), reports.name());
        // Signals keep the bytes they were read from: held, they are stored as those
        // bytes (RawSignal).
        topology.addSource(SIGNALS_SOURCE, signals.keySerde().deserializer(),
                RawSignal.deserializer(signals.valueSerde().deserializer()), signals.name());

        topology.addProcessor(SESSION_COMMAND_PROCESSOR, () -> new SessionCommandProcessor(topics, settings),
                SESSION_COMMANDS_SOURCE);
        topology.addProcessor(GATEWAY_REPORT_PROCESSOR, () -> new GatewayReportProcessor(topics, settings),
                GATEWAY_REPORTS_SOURCE);
        topology.addProcessor(SIGNAL_PROCESSOR, () -> new SignalProcessor(topics, settings), SIGNALS_SOURCE);

        topology.addStateStore(sessionsStore(userIds, topics.sessions().valueSerde()), SESSION_COMMAND_PROCESSOR,
                GATEWAY_REPORT_PROCESSOR, SIGNAL_PROCESSOR);
        topology.addStateStore(heldSignalsStore(userIds), SESSION_COMMAND_PROCESSOR, GATEWAY_REPORT_PROCESSOR,
                SIGNAL_PROCESSOR);
        topology.addStateStore(heldBacklogsStore(userIds), SESSION_COMMAND_PROCESSOR, GATEWAY_REPORT_PROCESSOR,
                SIGNAL_PROCESSOR);

        topology.addSink(SESSION_EVENTS_SINK, topics.sessionEvents().name(),
                topics.sessionEvents().keySerde().serializer(), topics.sessionEvents().valueSerde().serializer(),
                SESSION_COMMAND_PROCESSOR, GATEWAY_REPORT_PROCESSOR);
        topology.addSink(SESSIONS_SINK, topics.sessions().name(), topics.sessions().keySerde().serializer(),
                topics.sessions().valueSerde().serializer(), SESSION_COMMAND_PROCESSOR, GATEWAY_REPORT_PROCESSOR);
        // Deliveries arrive serialized (EncodedDelivery): the ledger wrote them where a
        // failure can be answered.
        topology.addSink(DELIVERIES_SINK, topics.deliveries().name(), topics.deliveries().keySerde().serializer(),
                EncodedDelivery.SERIALIZER, new DeliveryPartitioner(), SESSION_COMMAND_PROCESSOR,
                GATEWAY_REPORT_PROCESSOR, SIGNAL_PROCESSOR);

        // Read by the sweep of every task (session-command-processor's punctuator): which
        // gateways live.
        Topic<String, GatewayHeartbeat> gateways = topics.gateways();
        topology.addGlobalStore(gatewaysStore(gateways), GATEWAYS_SOURCE, gateways.keySerde().deserializer(),
                gateways.valueSerde().deserializer(), gateways.name(), GATEWAY_HEARTBEAT_PROCESSOR,
                GatewayHeartbeatProcessor::new);
        return topology;
    }

    private static StoreBuilder<KeyValueStore<String, SessionState>> sessionsStore(Serde<String> userIds,
            Serde<SessionState> rows) {
        // No cache: every write reaches the changelog at once, so a restored store never
        // lags the outputs.
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(SESSIONS_STORE), userIds, rows)
            .withCachingDisabled()
            .withLoggingEnabled(Map.of());
    }

    private static StoreBuilder<KeyValueStore<String, GatewayHeartbeat>> gatewaysStore(
            Topic<String, GatewayHeartbeat> gateways) {
        // A global store must not have a changelog: its source topic is its changelog.
        return Stores
            .keyValueStoreBuilder(Stores.inMemoryKeyValueStore(GATEWAYS_STORE), gateways.keySerde(),
                    gateways.valueSerde())
            .withLoggingDisabled();
    }

    private static StoreBuilder<KeyValueStore<String, HeldSignal>> heldSignalsStore(Serde<String> keys) {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(HELD_SIGNALS_STORE), keys, HeldSignal.serde())
            .withCachingDisabled()
            .withLoggingEnabled(Map.of());
    }

    private static StoreBuilder<KeyValueStore<String, HeldBacklog>> heldBacklogsStore(Serde<String> userIds) {
        return Stores
            .keyValueStoreBuilder(Stores.persistentKeyValueStore(HELD_BACKLOGS_STORE), userIds, HeldBacklog.serde())
            .withCachingDisabled()
            .withLoggingEnabled(Map.of());
    }

}

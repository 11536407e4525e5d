package io.signaling.relay.topology;

import io.signaling.schemas.gateway.GatewayHeartbeat;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps {@code gateways-store}, the global copy of the compacted gateways topic on every
 * relay instance: the last heartbeat of each gateway. The sweep of every task reads it to
 * tell which gateways still hold their sessions' connections.
 *
 * <p>
 * A tombstone (the gateway deregistering on a graceful shutdown) leaves the last
 * heartbeat in place: the gateway is about to end its sessions itself, with
 * {@code gateway-shutdown}, and closes their connections with going-away; ending them
 * here at once would race it (and win, in tests: the tombstone comes before the drain).
 * Whatever it does not end is ended {@code gateway-lost} once that last heartbeat is
 * older than the timeout, as for any silent gateway. The entry stays: one small record
 * per gateway id ever seen, until the relay restarts and re-reads the compacted topic.
 */
final class GatewayHeartbeatProcessor implements Processor<String, GatewayHeartbeat, Void, Void> {

    private static final Logger log = LoggerFactory.getLogger(GatewayHeartbeatProcessor.class);

    private ProcessorContext<Void, Void> context;

    private KeyValueStore<String, GatewayHeartbeat> gateways;

    private RelayMetrics metrics;

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        this.context = context;
        this.gateways = context.getStateStore(SignalingTopology.GATEWAYS_STORE);
        this.metrics = RelayMetrics.from(context.appConfigs());
    }

    @Override
    public void process(Record<String, GatewayHeartbeat> record) {
        String gatewayId = record.key();
        GatewayHeartbeat heartbeat = record.value();
        if (gatewayId == null || gatewayId.isBlank()) {
            skip("null key");
        }
        else if (heartbeat == null) {
            log.info("Gateway {} deregistered", gatewayId); // its last heartbeat stays:
                                                            // it now ages like a silent
                                                            // one
        }
        else if (!gatewayId.equals(heartbeat.gatewayId())) {
            skip("key does not match the heartbeat's gatewayId");
        }
        else {
            gateways.put(gatewayId, heartbeat);
        }
    }

    private void skip(String problem) {
        RecordMetadata source = context.recordMetadata().orElse(null);
        String topic = source == null ? null : source.topic();
        log.warn("Skipping record topic={} partition={} offset={}: {}", topic, source == null ? -1 : source.partition(),
                source == null ? -1 : source.offset(), problem);
        metrics.skipped(topic);
    }

}

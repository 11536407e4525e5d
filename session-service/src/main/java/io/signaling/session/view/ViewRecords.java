package io.signaling.session.view;

import io.micrometer.core.instrument.MeterRegistry;
import io.signaling.edge.SkippingDecoder;
import io.signaling.schemas.gateway.GatewayHeartbeat;
import io.signaling.schemas.session.SessionEvent;
import io.signaling.schemas.session.SessionState;
import io.signaling.schemas.topic.Topics;
import io.signaling.session.gateways.HeartbeatTable;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.stereotype.Component;

/**
 * Turns one record read by {@link ViewConsumer} into an update of the view it belongs to.
 * Values arrive as bytes and are decoded here, so a record that cannot be read is logged
 * by topic/partition/offset (never its content), counted in
 * {@code signaling.session.records.skipped}, and skipped without stalling its partition.
 */
@Component
class ViewRecords {

    static final String SKIPPED_RECORDS = "signaling.session.records.skipped";

    private final String sessionsTopic;

    private final String gatewaysTopic;

    private final String eventsTopic;

    private final SessionTableView sessions;

    private final HeartbeatTable gateways;

    private final OutcomeWaiters outcomes;

    private final SkippingDecoder<SessionState> sessionRows;

    private final SkippingDecoder<GatewayHeartbeat> heartbeats;

    private final SkippingDecoder<SessionEvent> events;

    ViewRecords(Topics topics, SessionTableView sessions, HeartbeatTable gateways, OutcomeWaiters outcomes,
            MeterRegistry meters) {
        this.sessionsTopic = topics.sessions().name();
        this.gatewaysTopic = topics.gateways().name();
        this.eventsTopic = topics.sessionEvents().name();
        this.sessions = sessions;
        this.gateways = gateways;
        this.outcomes = outcomes;
        this.sessionRows = new SkippingDecoder<>(topics.sessions(), meters, SKIPPED_RECORDS);
        this.heartbeats = new SkippingDecoder<>(topics.gateways(), meters, SKIPPED_RECORDS);
        this.events = new SkippingDecoder<>(topics.sessionEvents(), meters, SKIPPED_RECORDS);
    }

    void apply(ConsumerRecord<String, byte[]> record) {
        String topic = record.topic();
        if (topic.equals(sessionsTopic)) {
            SessionState row = sessionRows.decode(record);
            if (sessionRows.applies(record, row)) {
                sessions.apply(record.key(), row); // null: a tombstone, the session ended
            }
        }
        else if (topic.equals(gatewaysTopic)) {
            GatewayHeartbeat heartbeat = heartbeats.decode(record);
            if (heartbeats.applies(record, heartbeat)) {
                gateways.apply(record.key(), heartbeat); // null: a tombstone, the gateway
                                                         // deregistered
            }
        }
        else if (topic.equals(eventsTopic)) {
            SessionEvent event = events.decode(record);
            if (events.applies(record, event) && event != null) {
                outcomes.apply(event);
            }
        }
    }

    /** The view consumer reads the tables again from the beginning. */
    void restart() {
        sessions.restart();
        gateways.clear();
    }

    void markCaughtUp() {
        sessions.markCaughtUp();
    }

}

package io.signaling.session.view;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.signaling.schemas.gateway.GatewayHeartbeat;
import io.signaling.schemas.session.SessionEvent;
import io.signaling.schemas.session.SessionState;
import io.signaling.schemas.topic.Topic;
import io.signaling.schemas.topic.Topics;
import io.signaling.session.gateways.HeartbeatTable;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Turns one record read by {@link ViewConsumer} into an update of the view it belongs to. Values
 * arrive as bytes and are decoded here, so a record that cannot be read is logged by
 * topic/partition/offset (never its content), counted in {@code signaling.session.records.skipped},
 * and skipped without stalling its partition.
 */
@Component
class ViewRecords {

    private static final Logger log = LoggerFactory.getLogger(ViewRecords.class);

    private final Topics topics;
    private final SessionTableView sessions;
    private final HeartbeatTable gateways;
    private final OutcomeWaiters outcomes;
    private final MeterRegistry meters;

    ViewRecords(Topics topics, SessionTableView sessions, HeartbeatTable gateways, OutcomeWaiters outcomes,
            MeterRegistry meters) {
        this.topics = topics;
        this.sessions = sessions;
        this.gateways = gateways;
        this.outcomes = outcomes;
        this.meters = meters;
    }

    void apply(ConsumerRecord<String, byte[]> record) {
        if (record.key() == null) {
            skip(record, "no key");
            return;
        }
        String topic = record.topic();
        if (topic.equals(topics.sessions().name())) {
            if (record.value() == null) {
                sessions.apply(record.key(), null); // tombstone: the session ended
                return;
            }
            SessionState row = decode(topics.sessions(), record);
            if (row != null) {
                sessions.apply(record.key(), row);
            }
        }
        else if (topic.equals(topics.gateways().name())) {
            if (record.value() == null) {
                gateways.apply(record.key(), null); // tombstone: the gateway deregistered
                return;
            }
            GatewayHeartbeat heartbeat = decode(topics.gateways(), record);
            if (heartbeat != null) {
                gateways.apply(record.key(), heartbeat);
            }
        }
        else if (topic.equals(topics.sessionEvents().name())) {
            SessionEvent event = record.value() == null ? null : decode(topics.sessionEvents(), record);
            if (event != null) {
                outcomes.apply(event);
            }
        }
    }

    private <V> V decode(Topic<String, V> topic, ConsumerRecord<String, byte[]> record) {
        try {
            V value = topic.valueSerde().deserializer().deserialize(record.topic(), record.headers(), record.value());
            if (value == null) {
                skip(record, "null value");
            }
            return value;
        }
        catch (RuntimeException e) {
            // the exception's message may quote the record, so only its type is logged
            skip(record, e.getClass().getSimpleName());
            return null;
        }
    }

    private void skip(ConsumerRecord<String, byte[]> record, String why) {
        log.warn("Skipping unreadable record topic={} partition={} offset={}: {}", record.topic(),
                record.partition(), record.offset(), why);
        Counter.builder("signaling.session.records.skipped")
                .description("Records the views could not read and skipped")
                .tag("topic", record.topic())
                .register(meters)
                .increment();
    }
}

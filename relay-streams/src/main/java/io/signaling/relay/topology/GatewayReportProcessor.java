package io.signaling.relay.topology;

import io.signaling.schemas.gateway.ConnectionClosed;
import io.signaling.schemas.gateway.ConnectionOpened;
import io.signaling.schemas.gateway.DeliveryFailed;
import io.signaling.schemas.gateway.GatewayReport;
import io.signaling.schemas.session.DeleteReason;
import io.signaling.schemas.session.SessionAcked;
import io.signaling.schemas.session.SessionDeleted;
import io.signaling.schemas.session.SessionState;
import io.signaling.schemas.topic.Topics;
import java.time.Instant;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides what gateways saw: a connection opened acks the session and releases what was
 * held for it, a connection closed ends it, a failed delivery is answered to the sender.
 * Reports about any session but the live one (late, replayed, or for an older session)
 * change nothing.
 */
final class GatewayReportProcessor implements Processor<String, GatewayReport, String, Object> {

    private static final Logger log = LoggerFactory.getLogger(GatewayReportProcessor.class);

    private final Topics topics;

    private final RelaySettings settings;

    private SessionLedger ledger;

    GatewayReportProcessor(Topics topics, RelaySettings settings) {
        this.topics = topics;
        this.settings = settings;
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        ledger = new SessionLedger(context, topics, settings);
        ledger.scheduleHeldWork(false);
    }

    @Override
    public void process(Record<String, GatewayReport> record) {
        String problem = Inputs.problem(record.key(), record.value());
        if (problem != null) {
            ledger.skip(problem);
            return;
        }
        GatewayReport report = record.value();
        if (report instanceof ConnectionOpened opened) {
            opened(opened, record.timestamp());
        }
        else if (report instanceof ConnectionClosed closed) {
            closed(closed, record.timestamp());
        }
        else if (report instanceof DeliveryFailed failed) {
            ledger.reject(Deliveries.rejection(failed), record.timestamp());
        }
    }

    private void opened(ConnectionOpened opened, long timestamp) {
        SessionState current = ledger.current(opened.userId());
        if (current == null || !current.sessionId().equals(opened.sessionId()) || current.acked()) {
            log.debug("Ignoring ConnectionOpened for user {}: not its live unacked session", opened.userId());
            return;
        }
        if (!current.gatewayId().equals(opened.gatewayId())) {
            // Deliveries go to the row's gateway; acking from another one would send them
            // where nobody listens.
            log.warn("Ignoring ConnectionOpened for user {} from gateway {}: the session is bound to {}",
                    opened.userId(), opened.gatewayId(), current.gatewayId());
            return;
        }
        // Acked when the gateway saw the connection open, by the gateway's clock, not
        // when this relay
        // got to the report (it may lag, e.g. after a fail-over): the session then
        // compares rightly
        // with the start of its gateway's process, which the gateway stamps by the same
        // clock.
        Instant at = opened.at() != null ? opened.at() : ledger.now();
        SessionState acked = ledger
            .apply(new SessionAcked(opened.userId(), opened.sessionId(), current.gatewayId(), at), timestamp);
        ledger.release(acked, timestamp);
    }

    private void closed(ConnectionClosed closed, long timestamp) {
        SessionState current = ledger.current(closed.userId());
        if (current == null || !current.sessionId().equals(closed.sessionId())) {
            log.debug("Ignoring ConnectionClosed for user {}: not its live session", closed.userId());
            return;
        }
        DeleteReason reason = closed.reason() == null ? DeleteReason.CONNECTION_CLOSED : closed.reason();
        ledger.end(new SessionDeleted(closed.userId(), closed.sessionId(), reason, ledger.now()), timestamp,
                ledger.batchSize());
    }

}

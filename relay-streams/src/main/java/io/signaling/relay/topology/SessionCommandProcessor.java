package io.signaling.relay.topology;

import io.signaling.schemas.gateway.GatewayHeartbeat;
import io.signaling.schemas.session.CreateSession;
import io.signaling.schemas.session.DeleteReason;
import io.signaling.schemas.session.EndSession;
import io.signaling.schemas.session.SessionCommand;
import io.signaling.schemas.session.SessionCreated;
import io.signaling.schemas.session.SessionDeleted;
import io.signaling.schemas.session.SessionRefused;
import io.signaling.schemas.session.SessionState;
import io.signaling.schemas.topic.Topics;
import java.time.Instant;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides session-service's commands against the session table: exactly one live session
 * per userId. Also schedules the sweep ({@link SessionSweep}), since expiry and the loss
 * of a gateway are the other ways a session ends unasked.
 */
final class SessionCommandProcessor implements Processor<String, SessionCommand, String, Object> {

    private static final Logger log = LoggerFactory.getLogger(SessionCommandProcessor.class);

    private final Topics topics;

    private final RelaySettings settings;

    private SessionLedger ledger;

    SessionCommandProcessor(Topics topics, RelaySettings settings) {
        this.topics = topics;
        this.settings = settings;
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        ledger = new SessionLedger(context, topics, settings);
        // this processor also picks up the held signals the task left half worked off
        // when it last stopped
        ledger.scheduleHeldWork(true);
        KeyValueStore<String, GatewayHeartbeat> gateways = context.getStateStore(SignalingTopology.GATEWAYS_STORE);
        context.schedule(settings.expiryScanInterval(), PunctuationType.WALL_CLOCK_TIME,
                new SessionSweep(ledger, gateways, settings.gatewayTimeout()));
    }

    @Override
    public void process(Record<String, SessionCommand> record) {
        String problem = Inputs.problem(record.key(), record.value());
        if (problem != null) {
            ledger.skip(problem);
            return;
        }
        SessionCommand command = record.value();
        if (command instanceof CreateSession create) {
            create(create, record.timestamp());
        }
        else if (command instanceof EndSession end) {
            end(end, record.timestamp());
        }
    }

    private void create(CreateSession create, long timestamp) {
        SessionState current = ledger.current(create.userId());
        Instant now = ledger.now();
        if (current == null && isStale(create, now)) {
            // A create replayed after its session already ended (or after a long outage):
            // its
            // requester gave up long ago, so creating it now would only block the userId
            // until expiry.
            ledger.skip("stale CreateSession requested at " + create.requestedAt());
            return;
        }
        if (current == null) {
            // What an ended session still holds is answered before a new one may hold
            // anything.
            ledger.finishHeld(create.userId(), timestamp);
            ledger.apply(new SessionCreated(create.userId(), create.sessionId(), create.keyHash(), create.gatewayId(),
                    create.listeningAddress(), create.deliveryPartition(), now, now.plus(settings.unackedSessionTtl())),
                    timestamp);
        }
        else if (current.sessionId().equals(create.sessionId())) {
            // A replayed command (we crashed before committing its offset): answer it the
            // same way
            // again, from the row, so a requester still waiting sees the original
            // decision.
            ledger.apply(new SessionCreated(current.userId(), current.sessionId(), current.keyHash(),
                    current.gatewayId(), current.listeningAddress(), current.deliveryPartition(), current.createdAt(),
                    current.expiresAt()), timestamp);
        }
        else {
            ledger.apply(new SessionRefused(create.userId(), create.sessionId(), SessionRefused.USER_ID_TAKEN, now),
                    timestamp);
        }
    }

    private boolean isStale(CreateSession create, Instant now) {
        return create.requestedAt() != null && create.requestedAt().plus(settings.unackedSessionTtl()).isBefore(now);
    }

    private void end(EndSession end, long timestamp) {
        SessionState current = ledger.current(end.userId());
        if (current == null || !current.sessionId().equals(end.sessionId())) {
            // Already ended (a replay), or an older session of the same userId: never end
            // a newer one.
            log.debug("Ignoring EndSession for user {}: not its live session", end.userId());
            return;
        }
        ledger.end(new SessionDeleted(end.userId(), end.sessionId(), DeleteReason.DELETED_BY_CLIENT, ledger.now()),
                timestamp, ledger.batchSize());
    }

}

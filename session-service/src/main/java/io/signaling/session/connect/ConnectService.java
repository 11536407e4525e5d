package io.signaling.session.connect;

import io.signaling.schemas.UserIds;
import io.signaling.schemas.gateway.GatewayHeartbeat;
import io.signaling.schemas.security.ListeningKeys;
import io.signaling.schemas.session.CreateSession;
import io.signaling.schemas.session.EndSession;
import io.signaling.schemas.session.SessionCreated;
import io.signaling.schemas.session.SessionEvent;
import io.signaling.schemas.session.SessionRefused;
import io.signaling.schemas.session.SessionState;
import io.signaling.session.commands.SessionCommands;
import io.signaling.session.connect.ConnectMetrics.Outcome;
import io.signaling.session.connect.GatewayPicker.Reservation;
import io.signaling.session.system.ApiException;
import io.signaling.session.system.Deadline;
import io.signaling.session.system.ErrorCode;
import io.signaling.session.system.SessionProperties;
import io.signaling.session.view.SessionOutcomes;
import io.signaling.session.view.SessionView;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * {@code POST /connect}: asks the relay to create a session and answers with its
 * decision. There is no check-then-set here: two instances may send a create for one
 * userId at once, and the relay, which sees every command of that userId in order, lets
 * exactly one win.
 */
@Service
class ConnectService {

    private static final Logger log = LoggerFactory.getLogger(ConnectService.class);

    private final GatewayPicker picker;

    private final SessionCommands commands;

    private final SessionOutcomes outcomes;

    private final SessionView view;

    private final ConnectMetrics metrics;

    private final SessionProperties properties;

    private final Clock clock;

    ConnectService(GatewayPicker picker, SessionCommands commands, SessionOutcomes outcomes, SessionView view,
            ConnectMetrics metrics, SessionProperties properties, Clock clock) {
        this.picker = picker;
        this.commands = commands;
        this.outcomes = outcomes;
        this.view = view;
        this.metrics = metrics;
        this.properties = properties;
        this.clock = clock;
    }

    ConnectResponse connect(String userId) {
        if (!UserIds.isValid(userId)) {
            metrics.count(Outcome.INVALID);
            throw new ApiException(ErrorCode.INVALID_USER_ID,
                    "a userId is 1 to 64 characters from A-Z a-z 0-9 . _ @ -");
        }
        if (!view.isCaughtUp()) {
            throw unavailable("the session view is still loading from Kafka");
        }
        Optional<Reservation> reservation = picker.reserve();
        if (reservation.isEmpty()) {
            metrics.count(Outcome.NO_GATEWAY);
            throw new ApiException(ErrorCode.NO_GATEWAY_AVAILABLE, "no live gateway with room to bind the session to");
        }
        try (Reservation reserved = reservation.get()) {
            return create(userId, reserved.gateway());
        }
    }

    private ConnectResponse create(String userId, GatewayHeartbeat gateway) {
        String key = ListeningKeys.generate();
        CreateSession command = new CreateSession(userId, UUID.randomUUID().toString(), ListeningKeys.hash(key),
                gateway.gatewayId(), gateway.listeningAddress(), GatewayPicker.deliveryPartition(gateway, userId),
                clock.instant());
        Deadline deadline = Deadline.in(properties.decisionTimeout());
        // listen before sending: the decision may be read before send() returns
        CompletableFuture<SessionEvent> decision = outcomes.next(command.sessionId(),
                event -> event instanceof SessionCreated || event instanceof SessionRefused);
        long sentAt = System.nanoTime();
        if (!sent(command, deadline)) {
            decision.cancel(false);
            abandon(command);
            throw unavailable("Kafka did not take the request in time");
        }
        Optional<SessionEvent> decided = deadline.await(decision);
        if (decided.isEmpty()) {
            abandon(command);
            throw unavailable("the relay did not decide in time");
        }
        metrics.decided(System.nanoTime() - sentAt);
        if (decided.get() instanceof SessionRefused) {
            metrics.count(Outcome.TAKEN);
            throw new ApiException(ErrorCode.USER_ID_TAKEN, "userId " + userId + " already has a session");
        }
        // answer only once our own view holds the row: the gateway checks the same table
        Optional<Optional<SessionState>> row = deadline.await(view.awaitRow(userId,
                current -> current.isPresent() && current.get().sessionId().equals(command.sessionId())));
        if (row.isEmpty() || row.get().isEmpty()) {
            abandon(command);
            throw unavailable("the new session did not reach the session view in time");
        }
        SessionState session = row.get().get();
        metrics.count(Outcome.CREATED);
        log.debug("Session {} created for {} on {}", session.sessionId(), userId, session.gatewayId());
        return new ConnectResponse(userId, session.listeningAddress(), key, session.acked(), session.sessionId(),
                session.expiresAt());
    }

    private boolean sent(CreateSession command, Deadline deadline) {
        try {
            return deadline.completes(commands.send(command));
        }
        catch (RuntimeException e) {
            log.warn("CreateSession for {} not appended: {}", command.userId(), e.getClass().getSimpleName());
            return false;
        }
    }

    /**
     * We are about to answer 503, yet the relay may still create (or have created) this
     * session, whose key nobody will ever see: it would hold the userId until it expires.
     * An EndSession behind the create, in the same partition, ends exactly that session
     * and nothing newer. Best effort.
     */
    private void abandon(CreateSession command) {
        try {
            commands.send(new EndSession(command.userId(), command.sessionId(), clock.instant()))
                .whenComplete((ok, error) -> {
                    if (error != null) {
                        logNotEnded(command, error);
                    }
                });
        }
        catch (RuntimeException e) {
            logNotEnded(command, e);
        }
    }

    private static void logNotEnded(CreateSession command, Throwable error) {
        log.warn("Could not end abandoned session {} of {}: {}", command.sessionId(), command.userId(),
                error.getClass().getSimpleName());
    }

    private ApiException unavailable(String message) {
        metrics.count(Outcome.TIMEOUT);
        return new ApiException(ErrorCode.RELAY_UNAVAILABLE, message);
    }

}

package io.signaling.relay.topology;

import io.signaling.schemas.gateway.GatewayHeartbeat;
import io.signaling.schemas.session.SessionState;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * Whether a session's gateway still holds its connection, judged at one instant from the
 * last heartbeat of every gateway (docs/architecture.md, "Gateway liveness"). A session
 * is lost when
 * <ul>
 * <li>its gateway restarted: the session was acked before the gateway's current process
 * started, so its connection died with the earlier one (a gateway that comes back under
 * the same id does not resurrect sessions);</li>
 * <li>its gateway is silent: its last heartbeat is older than the timeout (also when the
 * gateway deregistered: its tombstone leaves the last heartbeat in place, so a graceful
 * shutdown has the whole timeout to end its sessions itself);</li>
 * <li>its gateway is unknown: no heartbeat at all, for a session created more than the
 * timeout ago (younger ones may belong to a gateway this relay has not read yet).</li>
 * </ul>
 * Silence (and unknown gateways) are judged only once the relay has heard some gateway
 * without a break for a whole timeout ({@code judgeSilence}, kept by the sweep): while no
 * heartbeat at all is younger than the timeout, the relay cannot tell dead gateways from
 * Kafka (or itself) not getting heartbeats through, and ending every session on the
 * platform would be the worse mistake; once heartbeats get through again, every live
 * gateway gets a timeout to be heard before the others are judged. Heartbeat times come
 * from the gateways' clocks, compared with the relay's: clocks must be synchronised (NTP)
 * well within the timeout.
 */
final class GatewayLiveness {

    /** Why a session's gateway no longer holds it. */
    enum Loss {

        RESTARTED("restarted since the session was acked"), SILENT("silent past the gateway timeout"),
        UNKNOWN("never heard of");

        private final String description;

        Loss(String description) {
            this.description = description;
        }

        String description() {
            return description;
        }

    }

    private final Map<String, GatewayHeartbeat> heartbeats;

    private final Instant now;

    private final Duration timeout;

    private final boolean judgeSilence;

    /**
     * @param judgeSilence whether silent and unknown gateways may be judged now: the
     * relay has heard some gateway ({@link #hearsAnyGateway}) without a break for at
     * least the timeout
     */
    GatewayLiveness(Map<String, GatewayHeartbeat> heartbeats, Instant now, Duration timeout, boolean judgeSilence) {
        this.heartbeats = Map.copyOf(heartbeats);
        this.now = now;
        this.timeout = timeout;
        this.judgeSilence = judgeSilence;
    }

    /** Whether any gateway's last heartbeat is younger than the timeout. */
    static boolean hearsAnyGateway(Map<String, GatewayHeartbeat> heartbeats, Instant now, Duration timeout) {
        return heartbeats.values()
            .stream()
            .anyMatch(heartbeat -> heartbeat.at() != null && !heartbeat.at().plus(timeout).isBefore(now));
    }

    /**
     * Why {@code session} must end because of its gateway, or {@code null} while its
     * gateway holds it.
     */
    Loss loss(SessionState session) {
        GatewayHeartbeat heartbeat = heartbeats.get(session.gatewayId());
        if (heartbeat != null && restartedSinceAck(session, heartbeat)) {
            return Loss.RESTARTED;
        }
        if (!judgeSilence) {
            return null;
        }
        if (heartbeat == null) {
            return session.createdAt() != null && isOlderThanTimeout(session.createdAt()) ? Loss.UNKNOWN : null;
        }
        return heartbeat.at() == null || isOlderThanTimeout(heartbeat.at()) ? Loss.SILENT : null;
    }

    private static boolean restartedSinceAck(SessionState session, GatewayHeartbeat heartbeat) {
        return session.acked() && session.ackedAt() != null && heartbeat.startedAt() != null
                && session.ackedAt().isBefore(heartbeat.startedAt());
    }

    private boolean isOlderThanTimeout(Instant at) {
        return at.plus(timeout).isBefore(now);
    }

}

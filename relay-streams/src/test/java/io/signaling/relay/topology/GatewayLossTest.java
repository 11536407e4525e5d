package io.signaling.relay.topology;

import static io.signaling.relay.topology.Fixtures.closed;
import static io.signaling.relay.topology.Fixtures.create;
import static io.signaling.relay.topology.Fixtures.gatewayOf;
import static io.signaling.relay.topology.Fixtures.opened;
import static io.signaling.relay.topology.Fixtures.partitionOf;
import static io.signaling.relay.topology.Fixtures.signal;
import static io.signaling.relay.topology.RelayDriver.GATEWAY_TIMEOUT;
import static io.signaling.relay.topology.RelayDriver.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.signaling.schemas.delivery.RejectionReason;
import io.signaling.schemas.delivery.SignalDelivery;
import io.signaling.schemas.delivery.SignalRejection;
import io.signaling.schemas.gateway.ConnectionOpened;
import io.signaling.schemas.gateway.GatewayHeartbeat;
import io.signaling.schemas.session.CreateSession;
import io.signaling.schemas.session.DeleteReason;
import io.signaling.schemas.session.SessionAcked;
import io.signaling.schemas.session.SessionDeleted;
import io.signaling.schemas.session.SessionEvent;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Gateway liveness (docs/architecture.md): the sweep ends with {@code gateway-lost} the
 * sessions of a gateway that went silent, deregistered, or restarted since they were
 * acked, answers what was held for them, and leaves the sessions of live gateways alone.
 * Wall clock and heartbeats are driven by hand; the driver's sweep runs every second of
 * wall clock.
 */
class GatewayLossTest {

    /** Before the test's first instant: the gateways' processes were already running. */
    private static final Instant BOOTED = T0.minus(Duration.ofHours(1));

    @TempDir
    Path stateDir;

    RelayDriver relay;

    Instant now = T0;

    @BeforeEach
    void start() {
        relay = new RelayDriver(stateDir);
    }

    @AfterEach
    void stop() {
        relay.close();
    }

    @Test
    void theSessionsOfASilentGatewayEndGatewayLostOnceTheTimeoutHasPassedAndSignalsToThemAreRejected() {
        beat("alice", BOOTED);
        beat("bob", BOOTED);
        connect("alice", "a1");
        connect("bob", "b1");

        // alice's gateway stops beating at T0; bob's keeps going.
        advanceBeating("bob", GATEWAY_TIMEOUT);
        assertThat(relay.events.isEmpty()).as("not before the timeout has passed").isTrue();

        advanceBeating("bob", Duration.ofSeconds(1));

        assertThat(relay.events.readValuesToList())
            .containsExactly(new SessionDeleted("alice", "a1", DeleteReason.GATEWAY_LOST, now));
        assertThat(relay.sessions.readRecordsToList()).singleElement()
            .satisfies(row -> assertThat(row.value()).isNull());
        assertThat(relay.sessionsStore().get("alice")).isNull();
        assertThat(relay.sessionsStore().get("bob").acked()).as("the live gateway's session stays").isTrue();

        relay.signals.pipeInput("alice", signal("m1", "bob", "alice"));
        relay.signals.pipeInput("bob", signal("m2", "carol", "bob"));
        assertThat(relay.deliveries.readValuesToList()).satisfiesExactly(
                rejected -> assertThat(rejected)
                    .isEqualTo(rejection("m1", "bob", "alice", 0, RejectionReason.NO_SESSION)),
                delivered -> assertThat(delivered).isInstanceOf(SignalDelivery.class));
    }

    @Test
    void aDeregisteredGatewayEndsItsSessionsItselfAndTheSweepLeavesThemToIt() {
        beat("alice", BOOTED);
        beat("bob", BOOTED);
        connect("alice", "a1");
        connect("bob", "b1");
        advanceBeating("alice", Duration.ofSeconds(5));

        // A graceful shutdown: the tombstone first, then a report for each connection it
        // closes.
        relay.gateways.pipeInput(gatewayOf("alice"), null);
        advanceBeating("bob", Duration.ofSeconds(1));
        assertThat(relay.events.isEmpty()).as("the sweep does not race the gateway's own reports").isTrue();
        relay.reports.pipeInput("alice", closed("alice", "a1", DeleteReason.GATEWAY_SHUTDOWN));

        assertThat(relay.events.readValuesToList())
            .containsExactly(new SessionDeleted("alice", "a1", DeleteReason.GATEWAY_SHUTDOWN, now));
    }

    @Test
    void theSessionsADeregisteredGatewayLeftBehindEndGatewayLostOnceItsLastHeartbeatIsOlderThanTheTimeout() {
        beat("alice", BOOTED);
        beat("bob", BOOTED);
        connect("alice", "a1");
        connect("bob", "b1");
        advanceBeating("alice", Duration.ofSeconds(5)); // alice's gateway last beats at
                                                        // T0 + 5 s

        relay.gateways.pipeInput(gatewayOf("alice"), null);
        advanceBeating("bob", GATEWAY_TIMEOUT.minusSeconds(5));
        assertThat(relay.events.isEmpty()).isTrue();

        advanceBeating("bob", Duration.ofSeconds(6));

        assertThat(relay.events.readValuesToList())
            .containsExactly(new SessionDeleted("alice", "a1", DeleteReason.GATEWAY_LOST, T0.plusSeconds(16)));
    }

    @Test
    void theSessionsOfAGatewayNeverHeardOfEndGatewayLostOnceTheyAreOlderThanTheTimeout() {
        beat("bob", BOOTED);
        relay.commands.pipeInput("alice", createOn("zed", "alice", "a1"));
        drain();
        advanceBeating("bob", GATEWAY_TIMEOUT);
        assertThat(relay.events.isEmpty()).as("a young session may be on a gateway this relay has not read yet")
            .isTrue();

        advanceBeating("bob", Duration.ofSeconds(1));

        assertThat(relay.events.readValuesToList())
            .containsExactly(new SessionDeleted("alice", "a1", DeleteReason.GATEWAY_LOST, now));
    }

    @Test
    void aGatewayBackUnderTheSameIdDoesNotResurrectTheSessionsAckedBeforeItsRestart() {
        beat("alice", BOOTED);
        connect("alice", "a1");
        relay.commands.pipeInput("dave", createOn("alice", "dave", "d1")); // created,
                                                                           // never
                                                                           // connected
        drain();

        // alice's gateway crashed and is back two seconds later under the same id; carol
        // connects to it.
        relay.driver.advanceWallClockTime(Duration.ofSeconds(2));
        now = T0.plusSeconds(2);
        beat("alice", now);
        relay.commands.pipeInput("carol", createOn("alice", "carol", "c1"));
        relay.reports.pipeInput("carol", new ConnectionOpened("carol", "c1", gatewayOf("alice"), now));
        drain();

        relay.driver.advanceWallClockTime(Duration.ofSeconds(1));

        assertThat(relay.events.readValuesToList()).as("the gateway beats, yet alice's connection died with it")
            .containsExactly(new SessionDeleted("alice", "a1", DeleteReason.GATEWAY_LOST, T0.plusSeconds(3)));
        assertThat(relay.sessionsStore().get("dave")).as("not acked: it may still connect to the new process")
            .isNotNull();
        assertThat(relay.sessionsStore().get("carol").acked()).as("acked by the new process").isTrue();
    }

    @Test
    void aSessionAckedOnTheOldProcessEndsAlsoWhenTheRelayReadsItsReportAfterTheRestart() {
        beat("alice", BOOTED);
        relay.commands.pipeInput("alice", create("alice", "a1"));
        relay.driver.advanceWallClockTime(Duration.ofSeconds(5));
        now = T0.plusSeconds(5);
        beat("alice", now); // restarted at T0 + 5 s
        drain();

        // The connection opened on the old process at T0; the relay reads that report
        // only now.
        relay.reports.pipeInput("alice", opened("alice", "a1"));
        assertThat(relay.events.readValuesToList()).as("acked when the gateway saw it open, by its clock")
            .containsExactly(new SessionAcked("alice", "a1", gatewayOf("alice"), T0));

        relay.driver.advanceWallClockTime(Duration.ofSeconds(1));

        assertThat(relay.events.readValuesToList())
            .containsExactly(new SessionDeleted("alice", "a1", DeleteReason.GATEWAY_LOST, T0.plusSeconds(6)));
    }

    @Test
    void theSessionsOfLiveGatewaysAreNeverTouched() {
        beat("alice", BOOTED);
        beat("bob", BOOTED);
        connect("alice", "a1");
        connect("bob", "b1");

        for (int i = 0; i < 12; i++) {
            relay.driver.advanceWallClockTime(Duration.ofSeconds(5));
            now = now.plusSeconds(5);
            beat("alice", BOOTED);
            beat("bob", BOOTED);
        }

        assertThat(relay.events.isEmpty()).isTrue();
        assertThat(relay.sessionsStore().get("alice").acked()).isTrue();
        assertThat(relay.sessionsStore().get("bob").acked()).isTrue();
    }

    @Test
    void whenNoGatewayAtAllIsHeardNothingIsEndedBecauseKafkaMayBeWhatIsDown() {
        // e.g. the whole cluster was unreachable: no gateway could write a heartbeat
        beat("alice", BOOTED);
        beat("bob", BOOTED);
        connect("alice", "a1");
        connect("bob", "b1");

        relay.driver.advanceWallClockTime(GATEWAY_TIMEOUT.multipliedBy(6));
        assertThat(relay.events.isEmpty()).isTrue();

        // Heartbeats get through again, but only bob's yet: alice's gateway gets a whole
        // timeout to be heard.
        now = T0.plus(GATEWAY_TIMEOUT.multipliedBy(6));
        beat("bob", BOOTED);
        advanceBeating("bob", GATEWAY_TIMEOUT);
        assertThat(relay.events.isEmpty()).isTrue();

        advanceBeating("bob", Duration.ofSeconds(1));

        assertThat(relay.events.readValuesToList()).extracting(SessionEvent::userId).containsExactly("alice");
    }

    @Test
    void aRelayThatCouldNotSweepForATimeoutGivesEveryGatewayAWholeTimeoutOnceItSweepsAgain() {
        // e.g. its stream thread blocked in a commit while the only broker was restarted:
        // heartbeats written since then had no chance to be read, and one gateway's
        // first heartbeat after the outage may not have got through yet
        beat("alice", BOOTED);
        beat("bob", BOOTED);
        connect("alice", "a1");
        connect("bob", "b1");
        advanceBeating("bob", Duration.ofSeconds(1));
        beat("alice", BOOTED);

        now = now.plus(GATEWAY_TIMEOUT).plusSeconds(5);
        beat("bob", BOOTED);
        relay.driver.advanceWallClockTime(GATEWAY_TIMEOUT.plusSeconds(5));
        advanceBeating("bob", GATEWAY_TIMEOUT.minusSeconds(1));
        assertThat(relay.events.isEmpty()).as("alice's gateway is given a whole timeout to be heard").isTrue();

        advanceBeating("bob", Duration.ofSeconds(2));

        assertThat(relay.events.readValuesToList()).extracting(SessionEvent::userId).containsExactly("alice");
    }

    @Test
    void signalsHeldForASessionOfALostGatewayAreAnsweredToTheirSenders() {
        beat("alice", BOOTED);
        beat("bob", BOOTED);
        relay.commands.pipeInput("bob", create("bob", "b1"));
        relay.signals.pipeInput("bob", signal("m1", "alice", "bob"));
        relay.signals.pipeInput("bob", signal("m2", "carol", "bob"));
        drain();
        assertThat(relay.heldStore().approximateNumEntries()).isEqualTo(2);

        advanceBeating("alice", GATEWAY_TIMEOUT.plusSeconds(1));

        assertThat(relay.events.readValuesToList())
            .containsExactly(new SessionDeleted("bob", "b1", DeleteReason.GATEWAY_LOST, now));
        assertThat(relay.deliveries.readValuesToList()).containsExactly(
                rejection("m1", "alice", "bob", 0, RejectionReason.SESSION_ENDED),
                rejection("m2", "carol", "bob", 1, RejectionReason.SESSION_ENDED));
        assertThat(relay.heldStore().approximateNumEntries()).isZero();
    }

    @Test
    void aHeartbeatUnderAnotherGatewaysKeyIsSkippedAndCounted() {
        relay.gateways.pipeInput("gateway-mallory", heartbeat("alice", T0, BOOTED));

        assertThat(relay.gatewaysStore().get("gateway-mallory")).isNull();
        assertThat(relay.skipped()).isEqualTo(1);
    }

    /** A session of {@code userId} bound to {@code user}'s gateway. */
    private static CreateSession createOn(String user, String userId, String sessionId) {
        CreateSession session = create(userId, sessionId);
        return new CreateSession(userId, sessionId, session.keyHash(), gatewayOf(user), session.listeningAddress(),
                partitionOf(user), session.requestedAt());
    }

    /** A heartbeat of {@code user}'s gateway, sent now. */
    private void beat(String user, Instant startedAt) {
        relay.gateways.pipeInput(gatewayOf(user), heartbeat(user, now, startedAt));
    }

    /**
     * Advances the wall clock second by second; only {@code user}'s gateway keeps
     * beating.
     */
    private void advanceBeating(String user, Duration by) {
        for (long s = 0; s < by.toSeconds(); s++) {
            relay.driver.advanceWallClockTime(Duration.ofSeconds(1));
            now = now.plusSeconds(1);
            beat(user, BOOTED);
        }
    }

    private static GatewayHeartbeat heartbeat(String user, Instant at, Instant startedAt) {
        return new GatewayHeartbeat(gatewayOf(user), "http://127.0.0.1:8081/ws", List.of(partitionOf(user)), 1, 0,
                false, at, startedAt);
    }

    private void connect(String userId, String sessionId) {
        relay.commands.pipeInput(userId, create(userId, sessionId));
        relay.reports.pipeInput(userId, opened(userId, sessionId));
        drain();
    }

    private void drain() {
        relay.events.readRecordsToList();
        relay.sessions.readRecordsToList();
        relay.deliveries.readRecordsToList();
    }

    private static SignalRejection rejection(String id, String from, String to, long offset, RejectionReason reason) {
        return new SignalRejection(gatewayOf(from), partitionOf(from), from, from + "-session", id, to, reason, 0,
                offset);
    }

}

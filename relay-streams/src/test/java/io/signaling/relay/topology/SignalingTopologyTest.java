package io.signaling.relay.topology;

import static io.signaling.relay.topology.Fixtures.closed;
import static io.signaling.relay.topology.Fixtures.create;
import static io.signaling.relay.topology.Fixtures.end;
import static io.signaling.relay.topology.Fixtures.failed;
import static io.signaling.relay.topology.Fixtures.gatewayOf;
import static io.signaling.relay.topology.Fixtures.opened;
import static io.signaling.relay.topology.Fixtures.partitionOf;
import static io.signaling.relay.topology.Fixtures.signal;
import static io.signaling.relay.topology.RelayDriver.T0;
import static io.signaling.relay.topology.RelayDriver.TTL;
import static org.assertj.core.api.Assertions.assertThat;

import io.signaling.relay.topology.RelayMetrics.Outcome;
import io.signaling.schemas.delivery.Delivery;
import io.signaling.schemas.delivery.RejectionReason;
import io.signaling.schemas.delivery.SignalDelivery;
import io.signaling.schemas.delivery.SignalRejection;
import io.signaling.schemas.gateway.ConnectionOpened;
import io.signaling.schemas.gateway.DeliveryFailed;
import io.signaling.schemas.session.CreateSession;
import io.signaling.schemas.session.DeleteReason;
import io.signaling.schemas.session.SessionAcked;
import io.signaling.schemas.session.SessionCreated;
import io.signaling.schemas.session.SessionDeleted;
import io.signaling.schemas.session.SessionEvent;
import io.signaling.schemas.session.SessionExpired;
import io.signaling.schemas.session.SessionRefused;
import io.signaling.schemas.session.SessionState;
import io.signaling.schemas.signal.SignalAccepted;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every row of the decision table in docs/architecture.md, through the production
 * topology.
 */
class SignalingTopologyTest {

    @TempDir
    Path stateDir;

    RelayDriver relay;

    @BeforeEach
    void start() {
        relay = new RelayDriver(stateDir);
    }

    @AfterEach
    void stop() {
        relay.close();
    }

    @Nested
    class Sessions {

        @Test
        void createOnAFreeUserIdCreatesTheSessionAndItsRow() {
            CreateSession create = create("alice", "s1");
            relay.commands.pipeInput("alice", create);

            SessionEvent event = single(relay.events.readValuesToList());
            assertThat(event).isEqualTo(new SessionCreated("alice", "s1", create.keyHash(), gatewayOf("alice"),
                    create.listeningAddress(), partitionOf("alice"), T0, T0.plus(TTL)));
            TestRecord<String, SessionState> row = single(relay.sessions.readRecordsToList());
            assertThat(row.key()).isEqualTo("alice");
            assertThat(row.value()).isEqualTo(new SessionState("alice", "s1", create.keyHash(), gatewayOf("alice"),
                    create.listeningAddress(), partitionOf("alice"), false, T0, T0.plus(TTL), null));
        }

        @Test
        void aSecondCreateForALiveUserIdIsRefusedAndLeavesTheRow() {
            relay.commands.pipeInput("alice", create("alice", "s1"));
            drain();

            relay.commands.pipeInput("alice", create("alice", "s2"));

            assertThat(relay.events.readValuesToList())
                .containsExactly(new SessionRefused("alice", "s2", SessionRefused.USER_ID_TAKEN, T0));
            assertThat(relay.sessions.isEmpty()).isTrue();
            assertThat(relay.sessionsStore().get("alice").sessionId()).isEqualTo("s1");
        }

        @Test
        void aReplayedCreateIsAnsweredWithTheSameDecisionAndChangesNothing() {
            relay.commands.pipeInput("alice", create("alice", "s1"));
            SessionEvent original = single(relay.events.readValuesToList());
            drain();
            relay.driver.advanceWallClockTime(Duration.ofSeconds(5));

            relay.commands.pipeInput("alice", create("alice", "s1"));

            assertThat(relay.events.readValuesToList()).containsExactly(original);
            assertThat(relay.sessions.isEmpty()).isTrue();
        }

        @Test
        void aCreateReplayedAfterItsSessionEndedDoesNotBringItBack() {
            relay.commands.pipeInput("alice", create("alice", "s1"));
            relay.commands.pipeInput("alice", end("alice", "s1"));
            drain();
            relay.driver.advanceWallClockTime(TTL.plusSeconds(1));

            relay.commands.pipeInput("alice", create("alice", "s1"));

            assertThat(relay.events.readValuesToList()).isEmpty();
            assertThat(relay.sessionsStore().get("alice")).isNull();
            assertThat(relay.skipped()).isEqualTo(1);
        }

        @Test
        void connectionOpenedAcksTheSessionAtTheTimeTheGatewaySawItOpen() {
            relay.commands.pipeInput("alice", create("alice", "s1"));
            drain();
            relay.driver.advanceWallClockTime(Duration.ofSeconds(2));

            // Opened at 1.5 s by the gateway's clock, read by the relay at 2 s.
            relay.reports.pipeInput("alice",
                    new ConnectionOpened("alice", "s1", gatewayOf("alice"), T0.plusMillis(1500)));

            assertThat(relay.events.readValuesToList())
                .containsExactly(new SessionAcked("alice", "s1", gatewayOf("alice"), T0.plusMillis(1500)));
            SessionState row = single(relay.sessions.readValuesToList());
            assertThat(row.acked()).isTrue();
            assertThat(row.ackedAt()).isEqualTo(T0.plusMillis(1500));
        }

        @Test
        void reportsAboutAnotherSessionOrGatewayOrAReplayedAckChangeNothing() {
            relay.commands.pipeInput("alice", create("alice", "s1"));
            drain();

            relay.reports.pipeInput("alice", opened("alice", "s0"));
            relay.reports.pipeInput("alice", new ConnectionOpened("alice", "s1", "gateway-other", T0));
            relay.reports.pipeInput("alice", closed("alice", "s0", DeleteReason.CONNECTION_CLOSED));
            relay.commands.pipeInput("alice", end("alice", "s0"));
            assertThat(relay.events.isEmpty()).isTrue();
            assertThat(relay.sessions.isEmpty()).isTrue();

            relay.reports.pipeInput("alice", opened("alice", "s1"));
            relay.reports.pipeInput("alice", opened("alice", "s1"));
            assertThat(relay.events.readValuesToList()).hasSize(1);
            assertThat(relay.sessions.readValuesToList()).hasSize(1);
        }

        @Test
        void endSessionDeletesTheSessionAndFreesTheUserId() {
            relay.commands.pipeInput("alice", create("alice", "s1"));
            drain();

            relay.commands.pipeInput("alice", end("alice", "s1"));

            assertThat(relay.events.readValuesToList())
                .containsExactly(new SessionDeleted("alice", "s1", DeleteReason.DELETED_BY_CLIENT, T0));
            assertTombstone(single(relay.sessions.readRecordsToList()), "alice");
            relay.commands.pipeInput("alice", end("alice", "s1"));
            assertThat(relay.events.isEmpty()).as("a replayed EndSession changes nothing").isTrue();

            relay.commands.pipeInput("alice", create("alice", "s2"));
            assertThat(single(relay.events.readValuesToList())).isInstanceOf(SessionCreated.class);
        }

        @Test
        void connectionClosedDeletesTheSessionWithTheGatewaysReason() {
            relay.commands.pipeInput("alice", create("alice", "s1"));
            relay.reports.pipeInput("alice", opened("alice", "s1"));
            drain();

            relay.reports.pipeInput("alice", closed("alice", "s1", DeleteReason.CONNECTION_LOST));

            assertThat(relay.events.readValuesToList())
                .containsExactly(new SessionDeleted("alice", "s1", DeleteReason.CONNECTION_LOST, T0));
            assertTombstone(single(relay.sessions.readRecordsToList()), "alice");
            assertThat(relay.sessionsStore().get("alice")).isNull();
        }

        @Test
        void anUnackedSessionExpiresAfterTheTtlAndTheUserIdIsFreeAgain() {
            relay.commands.pipeInput("alice", create("alice", "s1"));
            drain();

            relay.driver.advanceWallClockTime(TTL.minusSeconds(1));
            assertThat(relay.events.isEmpty()).as("not expired before the TTL").isTrue();

            relay.driver.advanceWallClockTime(Duration.ofSeconds(1));
            assertThat(relay.events.readValuesToList())
                .containsExactly(new SessionExpired("alice", "s1", T0.plus(TTL)));
            assertTombstone(single(relay.sessions.readRecordsToList()), "alice");

            relay.commands.pipeInput("alice", create("alice", "s2"));
            SessionEvent created = single(relay.events.readValuesToList());
            assertThat(created).isInstanceOf(SessionCreated.class);
            assertThat(created.sessionId()).isEqualTo("s2");
        }

        @Test
        void anAckedSessionNeverExpires() {
            relay.commands.pipeInput("alice", create("alice", "s1"));
            relay.reports.pipeInput("alice", opened("alice", "s1"));
            drain();

            relay.driver.advanceWallClockTime(TTL.multipliedBy(3));

            assertThat(relay.events.isEmpty()).isTrue();
            assertThat(relay.sessionsStore().get("alice").acked()).isTrue();
        }

    }

    @Nested
    class Signals {

        @Test
        void aSignalToAnAckedUserIsDeliveredToItsSessionOnItsGateway() {
            connect("bob", "b1");
            relay.signals.pipeInput("bob", signal("m0", "bob", "bob")); // offset 0: a
                                                                        // user may send
                                                                        // to itself
            relay.deliveries.readRecordsToList();

            SignalAccepted signal = signal("m1", "alice", "bob");
            relay.signals.pipeInput("bob", signal);

            TestRecord<String, Delivery> record = single(relay.deliveries.readRecordsToList());
            assertThat(record.key()).isEqualTo("bob");
            assertThat(record.value()).isEqualTo(new SignalDelivery(gatewayOf("bob"), partitionOf("bob"), "bob", "b1",
                    "m1", "alice", "bob", signal.content(), signal.sentAt(), "alice-session", gatewayOf("alice"),
                    partitionOf("alice"), 0, 1));
            assertThat(relay.routed(Outcome.DELIVERED)).isEqualTo(2);
        }

        @Test
        void aSignalToAUserWithoutSessionIsRejectedToTheSender() {
            relay.signals.pipeInput("bob", signal("m1", "alice", "bob"));

            assertThat(single(relay.deliveries.readValuesToList()))
                .isEqualTo(rejection("m1", "alice", "bob", 0, RejectionReason.NO_SESSION));
            assertThat(relay.routed(Outcome.REJECTED)).isEqualTo(1);
        }

        @Test
        void signalsToACreatedSessionAreHeldThenDeliveredInOrderWhenItConnects() {
            relay.commands.pipeInput("bob", create("bob", "b1"));
            drain();
            for (int i = 0; i < 3; i++) {
                relay.signals.pipeInput("bob", signal("m" + i, "alice", "bob"));
            }
            assertThat(relay.deliveries.isEmpty()).as("held, not delivered").isTrue();
            assertThat(relay.heldStore().approximateNumEntries()).isEqualTo(3);

            relay.reports.pipeInput("bob", opened("bob", "b1"));

            assertThat(single(relay.events.readValuesToList())).isInstanceOf(SessionAcked.class);
            List<SignalDelivery> delivered = signalDeliveries();
            assertThat(delivered).extracting(SignalDelivery::id).containsExactly("m0", "m1", "m2");
            assertThat(delivered).extracting(SignalDelivery::sourceOffset).containsExactly(0L, 1L, 2L);
            assertThat(delivered).allSatisfy(d -> {
                assertThat(d.sessionId()).isEqualTo("b1");
                assertThat(d.gatewayId()).isEqualTo(gatewayOf("bob"));
                assertThat(d.deliveryPartition()).isEqualTo(partitionOf("bob"));
            });
            assertThat(relay.heldStore().approximateNumEntries()).isZero();
            assertThat(relay.routed(Outcome.HELD)).isEqualTo(3);
            assertThat(relay.routed(Outcome.DELIVERED)).isEqualTo(3);
        }

        @Test
        void manySignalsFromSeveralSendersArriveInSignalLogOrderAcrossHoldingAndRelease() {
            relay.commands.pipeInput("bob", create("bob", "b1"));
            List<String> senders = List.of("alice", "carol", "dave");
            // 24 held (offsets 9 -> 10 check that held keys sort numerically), then 12
            // delivered at once.
            IntStream.range(0, 24)
                .forEach(i -> relay.signals.pipeInput("bob", signal("m" + i, senders.get(i % 3), "bob")));
            relay.reports.pipeInput("bob", opened("bob", "b1"));
            IntStream.range(24, 36)
                .forEach(i -> relay.signals.pipeInput("bob", signal("m" + i, senders.get(i % 3), "bob")));

            List<SignalDelivery> delivered = signalDeliveries();
            assertThat(delivered).extracting(SignalDelivery::id)
                .containsExactlyElementsOf(IntStream.range(0, 36).mapToObj(i -> "m" + i).toList());
            assertThat(delivered).extracting(SignalDelivery::sourceOffset).isSorted().doesNotHaveDuplicates();
        }

        @Test
        void heldSignalsOfOneUserAreNotReleasedToAnother() {
            relay.commands.pipeInput("bob", create("bob", "b1"));
            relay.commands.pipeInput("bo", create("bo", "x1"));
            relay.signals.pipeInput("bob", signal("for-bob", "alice", "bob"));
            relay.signals.pipeInput("bo", signal("for-bo", "alice", "bo"));

            relay.reports.pipeInput("bo", opened("bo", "x1"));

            assertThat(signalDeliveries()).extracting(SignalDelivery::id).containsExactly("for-bo");
            assertThat(relay.heldStore().approximateNumEntries()).isEqualTo(1);
        }

        @Test
        void heldSignalsAreRejectedToTheirSendersWhenTheSessionExpires() {
            relay.commands.pipeInput("bob", create("bob", "b1"));
            relay.signals.pipeInput("bob", signal("m1", "alice", "bob"));
            relay.signals.pipeInput("bob", signal("m2", "carol", "bob"));

            relay.driver.advanceWallClockTime(TTL);

            assertThat(relay.deliveries.readValuesToList()).containsExactly(
                    rejection("m1", "alice", "bob", 0, RejectionReason.SESSION_ENDED),
                    rejection("m2", "carol", "bob", 1, RejectionReason.SESSION_ENDED));
            assertThat(relay.heldStore().approximateNumEntries()).isZero();
        }

        @Test
        void heldSignalsAreRejectedToTheirSendersWhenTheSessionIsDeleted() {
            relay.commands.pipeInput("bob", create("bob", "b1"));
            relay.signals.pipeInput("bob", signal("m1", "alice", "bob"));

            relay.commands.pipeInput("bob", end("bob", "b1"));

            assertThat(relay.deliveries.readValuesToList())
                .containsExactly(rejection("m1", "alice", "bob", 0, RejectionReason.SESSION_ENDED));
            relay.commands.pipeInput("bob", create("bob", "b2"));
            relay.reports.pipeInput("bob", opened("bob", "b2"));
            assertThat(relay.deliveries.isEmpty()).as("a new session does not get the old one's signals").isTrue();
        }

        @Test
        void aFailedDeliveryIsAnsweredToTheSender() {
            connect("bob", "b1");
            relay.signals.pipeInput("bob", signal("m1", "alice", "bob"));
            SignalDelivery delivered = signalDeliveries().get(0);

            relay.reports.pipeInput("bob", failed(delivered));

            assertThat(single(relay.deliveries.readValuesToList()))
                .isEqualTo(new SignalRejection(gatewayOf("alice"), partitionOf("alice"), "alice", "alice-session", "m1",
                        "bob", RejectionReason.CONNECTION_GONE, 0, 0));
        }

        @Test
        void aFailedDeliveryOfASignalRoutedAtTheEdgeIsAnsweredToTheSender() {
            connect("bob", "b1");
            relay.signals.pipeInput("bob", signal("m1", "alice", "bob"));
            // as the sender's gateway wrote it, and as bob's gateway named it when it
            // read it
            int readAt = SignalDelivery.directSource(partitionOf("bob"));
            SignalDelivery direct = signalDeliveries().get(0).withSource(readAt, 42);

            relay.reports.pipeInput("bob", failed(direct));

            assertThat(single(relay.deliveries.readValuesToList()))
                .isEqualTo(new SignalRejection(gatewayOf("alice"), partitionOf("alice"), "alice", "alice-session", "m1",
                        "bob", RejectionReason.CONNECTION_GONE, readAt, 42));
        }

    }

    @Nested
    class BadInput {

        @Test
        void aRecordThatIsNotJsonIsSkippedAndTheNextOneIsProcessed() {
            relay.pipeRaw(relay.topics.signals().name(), "bob", "not json {".getBytes(StandardCharsets.UTF_8));
            relay.pipeRaw(relay.topics.sessionCommands().name(), "bob",
                    "{\"type\":\"no-such-command\",\"userId\":\"bob\"}".getBytes(StandardCharsets.UTF_8));

            relay.signals.pipeInput("bob", signal("m1", "alice", "bob"));
            relay.commands.pipeInput("bob", create("bob", "b1"));

            assertThat(single(relay.deliveries.readValuesToList()))
                .isEqualTo(rejection("m1", "alice", "bob", 1, RejectionReason.NO_SESSION));
            assertThat(single(relay.events.readValuesToList())).isInstanceOf(SessionCreated.class);
            assertThat(relay.skipped()).isEqualTo(2);
        }

        @Test
        void recordsThatCannotBeDecidedAreSkippedAndCounted() {
            relay.commands.pipeInput("alice", null);
            relay.commands.pipeInput(null, create("alice", "s1"));
            relay.commands.pipeInput("mallory", create("alice", "s1"));
            relay.commands.pipeInput("alice", new CreateSession("alice", null, "h", "g", "a", 0, Fixtures.AT));
            relay.signals.pipeInput("bob",
                    new SignalAccepted("m1", "alice", "bob", null, Fixtures.AT, null, gatewayOf("alice"), 0));
            relay.reports.pipeInput("bob", new DeliveryFailed("bob", null, null, null, null, -1, -1, -1, Fixtures.AT));

            assertThat(relay.events.isEmpty()).isTrue();
            assertThat(relay.deliveries.isEmpty()).isTrue();
            assertThat(relay.skipped()).isEqualTo(6);

            relay.commands.pipeInput("alice", create("alice", "s1"));
            assertThat(single(relay.events.readValuesToList())).isInstanceOf(SessionCreated.class);
        }

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

    private List<SignalDelivery> signalDeliveries() {
        return relay.deliveries.readValuesToList().stream().map(d -> {
            assertThat(d).isInstanceOf(SignalDelivery.class);
            return (SignalDelivery) d;
        }).toList();
    }

    private static SignalRejection rejection(String id, String from, String to, long offset, RejectionReason reason) {
        return new SignalRejection(gatewayOf(from), partitionOf(from), from, from + "-session", id, to, reason, 0,
                offset);
    }

    private static void assertTombstone(TestRecord<String, SessionState> record, String userId) {
        assertThat(record.key()).isEqualTo(userId);
        assertThat(record.value()).isNull();
    }

    private static <T> T single(List<T> values) {
        assertThat(values).hasSize(1);
        return values.get(0);
    }

}

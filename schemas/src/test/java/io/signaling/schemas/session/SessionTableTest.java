package io.signaling.schemas.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.signaling.schemas.Samples;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The fold that both the relay and {@code audit rebuild} apply: what a row is after each
 * event, and that replaying the log (as after a crash) changes nothing.
 */
class SessionTableTest {

    private final SessionCreated created = Samples.sessionCreated();

    private final SessionAcked acked = Samples.sessionAcked();

    @Test
    void createMakesAnUnackedRowFromTheEvent() {
        SessionState row = SessionTable.evolve(null, created);

        assertThat(row).isEqualTo(new SessionState(created.userId(), created.sessionId(), created.keyHash(),
                created.gatewayId(), created.listeningAddress(), created.deliveryPartition(), false, created.at(),
                created.expiresAt(), null));
    }

    @Test
    void secondCreateForALiveUserIdIsIgnored() {
        SessionState row = SessionTable.evolve(null, created);
        SessionCreated other = new SessionCreated(created.userId(), "another-session", Samples.BOB_KEY_HASH,
                "gateway-9", "http://127.0.0.1:8089/ws", 9, created.at().plusSeconds(1),
                created.expiresAt().plusSeconds(1));

        assertThat(SessionTable.evolve(row, other)).isEqualTo(row);
        assertThat(SessionTable.evolve(row, created)).isEqualTo(row);
    }

    @Test
    void ackMarksTheRowAckedAtItsTime() {
        SessionState row = SessionTable.evolve(SessionTable.evolve(null, created), acked);

        assertThat(row.acked()).isTrue();
        assertThat(row.ackedAt()).isEqualTo(acked.at());
        assertThat(row).isEqualTo(Samples.unackedState().ack(acked.at()));
    }

    @Test
    void ackOfAnotherSessionIsIgnored() {
        SessionState row = SessionTable.evolve(null, created);
        SessionAcked older = new SessionAcked(created.userId(), "an-older-session", created.gatewayId(), acked.at());

        assertThat(SessionTable.evolve(row, older)).isEqualTo(row);
        assertThat(SessionTable.evolve(null, acked)).isNull();
    }

    @Test
    void repeatedAckKeepsTheFirstAckTime() {
        SessionState row = SessionTable.evolve(SessionTable.evolve(null, created), acked);
        SessionAcked later = new SessionAcked(acked.userId(), acked.sessionId(), acked.gatewayId(),
                acked.at().plusSeconds(5));

        assertThat(SessionTable.evolve(row, later)).isEqualTo(row);
    }

    @Test
    void deleteAndExpireEndTheSessionAndFreeTheUserId() {
        SessionState row = SessionTable.evolve(SessionTable.evolve(null, created), acked);
        SessionDeleted deleted = new SessionDeleted(created.userId(), created.sessionId(),
                DeleteReason.DELETED_BY_CLIENT, created.at().plusSeconds(60));
        SessionExpired expired = new SessionExpired(created.userId(), created.sessionId(), created.expiresAt());

        assertThat(SessionTable.evolve(row, deleted)).isNull();
        assertThat(SessionTable.evolve(SessionTable.evolve(null, created), expired)).isNull();

        SessionCreated next = new SessionCreated(created.userId(), "the-next-session", Samples.BOB_KEY_HASH,
                "gateway-2", Samples.GATEWAY_2_ADDRESS, 2, deleted.at().plusSeconds(1), deleted.at().plusSeconds(31));
        assertThat(SessionTable.evolve(SessionTable.evolve(row, deleted), next).sessionId())
            .isEqualTo("the-next-session");
    }

    @Test
    void endOfAnotherSessionIsIgnored() {
        SessionState row = SessionTable.evolve(null, created);

        assertThat(SessionTable.evolve(row,
                new SessionDeleted(created.userId(), "an-older-session", DeleteReason.CONNECTION_CLOSED, created.at())))
            .isEqualTo(row);
        assertThat(SessionTable.evolve(row, new SessionExpired(created.userId(), "an-older-session", created.at())))
            .isEqualTo(row);
        assertThat(SessionTable.evolve(null, Samples.sessionDeleted())).isNull();
    }

    @Test
    void refusedCreateChangesNothing() {
        SessionState row = SessionTable.evolve(null, created);

        assertThat(SessionTable.evolve(row, Samples.sessionRefused())).isEqualTo(row);
        assertThat(SessionTable.evolve(null, Samples.sessionRefused())).isNull();
    }

    @Test
    void replayingTheLogGivesTheSameTable() {
        SessionCreated refusedLater = new SessionCreated(created.userId(), "loser", Samples.BOB_KEY_HASH, "gateway-2",
                Samples.GATEWAY_2_ADDRESS, 2, created.at().plusSeconds(1), created.expiresAt().plusSeconds(1));
        List<SessionEvent> log = List.of(created, refusedLater, Samples.sessionRefused(), acked);

        SessionState once = fold(null, log);
        SessionState replayed = fold(once, log);
        SessionState everyEventTwice = fold(null, List.of(created, created, refusedLater, acked, acked, created));

        assertThat(once).isEqualTo(Samples.ackedState());
        assertThat(replayed).isEqualTo(once);
        assertThat(everyEventTwice).isEqualTo(once);
    }

    @Test
    void replayingAnEndedSessionsLogLeavesNoRow() {
        List<SessionEvent> log = List.of(created, acked, Samples.sessionDeleted());

        assertThat(fold(null, log)).isNull();
        assertThat(fold(fold(null, log), log.subList(1, 3))).isNull();
    }

    private static SessionState fold(SessionState start, List<SessionEvent> events) {
        SessionState row = start;
        for (SessionEvent event : events) {
            row = SessionTable.evolve(row, event);
        }
        return row;
    }

}

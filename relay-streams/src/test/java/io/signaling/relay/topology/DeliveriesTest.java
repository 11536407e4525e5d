package io.signaling.relay.topology;

import static org.assertj.core.api.Assertions.assertThat;
import io.signaling.schemas.json.RawJson;

import io.signaling.schemas.delivery.RejectionReason;
import io.signaling.schemas.delivery.SignalDelivery;
import io.signaling.schemas.delivery.SignalRejection;
import io.signaling.schemas.gateway.DeliveryFailed;
import io.signaling.schemas.session.SessionState;
import io.signaling.schemas.signal.SignalAccepted;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Where each delivery goes, with every gateway on its own partition (the driver tests can
 * only use partition 0): a delivery to the recipient's gateway, a rejection to the
 * sender's.
 */
class DeliveriesTest {

    private static final Instant AT = Instant.parse("2030-01-01T00:00:00Z");

    private final SessionState bob = new SessionState("bob", "b1", "sha256:x", "gateway-2", "http://g2/ws", 5, true, AT,
            AT.plusSeconds(30), AT);

    private final SignalAccepted fromAlice = new SignalAccepted("m1", "alice", "bob",
            RawJson.trusted("{\"candidate\":\"a=1\"}"), AT, "a1", "gateway-1", 9);

    @Test
    void aDeliveryIsForTheRecipientsSessionOnItsGatewayPartitionAndNamesItsSourceRecord() {
        assertThat(Deliveries.delivery(bob, fromAlice, 3, 42)).isEqualTo(new SignalDelivery("gateway-2", 5, "bob", "b1",
                "m1", "alice", "bob", fromAlice.content(), AT, "a1", "gateway-1", 9, 3, 42));
    }

    @Test
    void aRejectionIsForTheSendersSessionOnTheSendersGatewayPartition() {
        assertThat(Deliveries.rejection(fromAlice, 3, 42, RejectionReason.HELD_LIMIT)).isEqualTo(
                new SignalRejection("gateway-1", 9, "alice", "a1", "m1", "bob", RejectionReason.HELD_LIMIT, 3, 42));
    }

    @Test
    void aFailedDeliveryIsRejectedToItsSenderWithTheSameSourceRecord() {
        SignalDelivery delivered = Deliveries.delivery(bob, fromAlice, 3, 42);

        assertThat(Deliveries.rejection(new DeliveryFailed("bob", delivered, AT))).isEqualTo(new SignalRejection(
                "gateway-1", 9, "alice", "a1", "m1", "bob", RejectionReason.CONNECTION_GONE, 3, 42));
    }

}

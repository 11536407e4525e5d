package io.signaling.relay.topology;

import io.signaling.schemas.delivery.RejectionReason;
import io.signaling.schemas.delivery.SignalDelivery;
import io.signaling.schemas.delivery.SignalRejection;
import io.signaling.schemas.gateway.DeliveryFailed;
import io.signaling.schemas.session.SessionState;
import io.signaling.schemas.signal.SignalAccepted;

/**
 * Builds what goes to the deliveries topic: pure functions of a signal and where it came
 * from.
 */
final class Deliveries {

    private Deliveries() {
    }

    /** The signal for its recipient, in the partition of the recipient's gateway. */
    static SignalDelivery delivery(SessionState recipient, SignalAccepted signal, int sourcePartition,
            long sourceOffset) {
        return new SignalDelivery(recipient.gatewayId(), recipient.deliveryPartition(), recipient.userId(),
                recipient.sessionId(), signal.id(), signal.from(), signal.to(), signal.content(), signal.sentAt(),
                signal.senderSessionId(), signal.senderGatewayId(), signal.senderDeliveryPartition(), sourcePartition,
                sourceOffset);
    }

    /**
     * Why the signal could not be delivered, for the sender, in the partition its gateway
     * stamped into the signal.
     */
    static SignalRejection rejection(SignalAccepted signal, int sourcePartition, long sourceOffset,
            RejectionReason reason) {
        return new SignalRejection(signal.senderGatewayId(), signal.senderDeliveryPartition(), signal.from(),
                signal.senderSessionId(), signal.id(), signal.to(), reason, sourcePartition, sourceOffset);
    }

    /**
     * A delivery the recipient's gateway could not hand over: the sender learns it, as if
     * never delivered.
     */
    static SignalRejection rejection(DeliveryFailed failed) {
        return new SignalRejection(failed.senderGatewayId(), failed.senderDeliveryPartition(), failed.from(),
                failed.senderSessionId(), failed.id(), failed.userId(), RejectionReason.CONNECTION_GONE,
                failed.sourcePartition(), failed.sourceOffset());
    }

}

package io.signaling.schemas.delivery;

/**
 * For a signal's sender: the recipient's gateway has read the relay's delivery of that
 * signal to {@code to}, so the delivery is in that gateway's partition before this
 * exists. The sender's gateway routes a pair (sender session, recipient) straight to the
 * recipient's gateway only once every signal of the pair it gave the relay is answered by
 * a receipt or a rejection, so a direct signal never overtakes one still in the relay
 * (docs/architecture.md, "Edge routing"). Not a client frame and not history: the audit
 * replay skips it.
 */
public record SignalReceipt(String gatewayId, int deliveryPartition, String userId, String sessionId, String id,
        String to, int sourcePartition, long sourceOffset) implements Delivery {
}

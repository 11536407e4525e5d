package io.signaling.schemas.delivery;

/**
 * For a signal's sender: the relay has written that signal's delivery for {@code to}. The
 * sender's gateway routes a pair (sender session, recipient) straight to the recipient's
 * gateway only once every signal of the pair it gave the relay is answered by a receipt
 * or a rejection, so a direct signal never overtakes one still in the relay
 * (docs/architecture.md, "Edge routing"). Not a client frame and not history: the audit
 * replay skips it.
 */
public record SignalReceipt(String gatewayId, int deliveryPartition, String userId, String sessionId, String id,
        String to, int sourcePartition, long sourceOffset) implements Delivery {
}

package io.signaling.schemas.signal;

import io.signaling.schemas.json.RawJson;
import java.time.Instant;

/**
 * A client frame the gateway accepted, keyed by the recipient's userId on the signals
 * topic, so every signal to one user lands in one partition, in the order its gateway
 * wrote it. Written only by the gateway. {@code sender*} fields say where to send a
 * {@code recipient-unavailable}. {@code content} is the client's JSON as it sent it.
 */
public record SignalAccepted(String id, String from, String to, RawJson content, Instant sentAt, String senderSessionId,
        String senderGatewayId, int senderDeliveryPartition) {
}

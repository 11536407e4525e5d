package io.signaling.schemas.signal;

import java.time.Instant;
import tools.jackson.databind.JsonNode;

/**
 * A client frame the gateway accepted, keyed by the recipient's userId on the signals
 * topic, so every signal to one user lands in one partition, in the order its gateway
 * wrote it. Written only by the gateway. {@code sender*} fields say where to send a
 * {@code recipient-unavailable}.
 */
public record SignalAccepted(String id, String from, String to, JsonNode content, Instant sentAt,
        String senderSessionId, String senderGatewayId, int senderDeliveryPartition) {
}

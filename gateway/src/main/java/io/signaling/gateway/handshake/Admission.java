package io.signaling.gateway.handshake;

/**
 * An accepted handshake: the session it opens a connection for.
 *
 * @param deliveryPartition where answers for this sender go (one of this gateway's partitions)
 */
public record Admission(String userId, String sessionId, int deliveryPartition) {
}

package io.signaling.gateway.handshake;

/**
 * An accepted handshake: the session it opens a connection for.
 *
 * @param deliveryPartition where answers for this sender go (one of this gateway's
 * partitions)
 * @param keyHash the session's listening-key hash, against which every later request of
 * an HTTP-transport connection is checked (never the key itself)
 */
public record Admission(String userId, String sessionId, int deliveryPartition, String keyHash) {

    @Override
    public String toString() {
        return "Admission[" + userId + ", " + sessionId + "]";
    }
}

package io.signaling.relay.topology;

import io.signaling.schemas.json.Serdes;
import io.signaling.schemas.signal.SignalAccepted;
import org.apache.kafka.common.serialization.Serde;

/**
 * A signal waiting in {@code held-signals-store} for its recipient to connect. It keeps the
 * coordinates of its source record because the {@code SignalDelivery} released later must name
 * them: gateways de-duplicate on them.
 */
public record HeldSignal(SignalAccepted signal, int sourcePartition, long sourceOffset) {

    /** Its own serde: this record lives only in the relay's store and changelog, not in {@code schemas}. */
    public static Serde<HeldSignal> serde() {
        return Serdes.json(HeldSignal.class);
    }

    /**
     * The store key: {@code userId NUL offset(20 digits)}. userIds never contain NUL and the
     * offset is zero-padded, so byte order is delivery order within a user; all signals to one
     * user share one signals partition, so the offset alone orders them. Re-processing the same
     * record after a crash writes the same key: holding is idempotent.
     */
    public static String key(String userId, long sourceOffset) {
        return prefix(userId) + String.format("%020d", sourceOffset);
    }

    /** The common prefix of every held signal of {@code userId}, for a prefix scan. */
    public static String prefix(String userId) {
        return userId + "\u0000";
    }
}

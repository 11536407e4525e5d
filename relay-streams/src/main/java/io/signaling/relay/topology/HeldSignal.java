package io.signaling.relay.topology;

import io.signaling.schemas.signal.SignalAccepted;
import java.nio.ByteBuffer;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A signal waiting in {@code held-signals-store} for its recipient to connect: the signal
 * record's bytes exactly as read from the signals topic, and the coordinates of that
 * record, which the {@code SignalDelivery} released later must name (gateways
 * de-duplicate on them).
 *
 * <p>
 * Stored as {@code [1][sourcePartition: int][sourceOffset: long][signal bytes]}: nothing
 * wraps the signal, so it is stored at the depth it was read at (a JSON wrapper one level
 * deeper was the relay's crash loop on deep content). Values a relay before this format
 * wrote, a JSON object {@code {"signal":{...},"sourcePartition":..,"sourceOffset":..}},
 * are still read.
 *
 * @param signal the {@code SignalAccepted} record's bytes; not copied, never modified
 */
public record HeldSignal(byte[] signal, int sourcePartition, long sourceOffset) {

    private static final byte FORMAT = 1;

    private static final int HEADER = 1 + Integer.BYTES + Long.BYTES;

    /**
     * Its own serde: this record lives only in the relay's store and changelog, not in
     * {@code schemas}.
     */
    public static Serde<HeldSignal> serde() {
        Serializer<HeldSignal> serializer = (topic, held) -> held == null ? null
                : ByteBuffer.allocate(HEADER + held.signal.length)
                    .put(FORMAT)
                    .putInt(held.sourcePartition)
                    .putLong(held.sourceOffset)
                    .put(held.signal)
                    .array();
        Deserializer<HeldSignal> deserializer = (topic, bytes) -> bytes == null ? null : read(bytes);
        return Serdes.serdeFrom(serializer, deserializer);
    }

    /** How much the store holds for it: what the per-recipient byte bound counts. */
    int size() {
        return signal == null ? 0 : signal.length;
    }

    /**
     * Whether the stored value could be read; one that cannot is dropped, never retried
     * (see {@link #read}).
     */
    boolean readable() {
        return signal != null;
    }

    /**
     * Never throws: a value that cannot be read (a foreign or damaged format) comes back
     * without its signal, so that one bad entry is logged and dropped instead of failing
     * the whole batch it is in, again at every attempt.
     */
    private static HeldSignal read(byte[] bytes) {
        try {
            return bytes.length > 0 && bytes[0] == '{' ? readJson(bytes) : readBinary(bytes);
        }
        catch (SerializationException e) {
            return new HeldSignal(null, -1, -1);
        }
    }

    private static HeldSignal readBinary(byte[] bytes) {
        if (bytes.length < HEADER || bytes[0] != FORMAT) {
            throw new SerializationException("unknown format");
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        buffer.get();
        int partition = buffer.getInt();
        long offset = buffer.getLong();
        byte[] signal = new byte[buffer.remaining()];
        buffer.get(signal);
        return new HeldSignal(signal, partition, offset);
    }

    /** The format of relays before raw bytes; never written any more. */
    record Legacy(SignalAccepted signal, int sourcePartition, long sourceOffset) {
    }

    private static HeldSignal readJson(byte[] bytes) {
        Legacy legacy = io.signaling.schemas.json.Serdes.json(Legacy.class).deserializer().deserialize("held", bytes);
        byte[] signal = io.signaling.schemas.json.Serdes.json(SignalAccepted.class)
            .serializer()
            .serialize("held", legacy.signal());
        return new HeldSignal(signal, legacy.sourcePartition(), legacy.sourceOffset());
    }

    /**
     * The store key: {@code userId NUL offset(20 digits)}. userIds never contain NUL and
     * the offset is zero-padded, so byte order is delivery order within a user; all
     * signals to one user share one signals partition, so the offset alone orders them.
     * Re-processing the same record after a crash writes the same key: holding is
     * idempotent.
     */
    public static String key(String userId, long sourceOffset) {
        return prefix(userId) + String.format("%020d", sourceOffset);
    }

    /** The common prefix of every held signal of {@code userId}, for a prefix scan. */
    public static String prefix(String userId) {
        return userId + "\u0000";
    }
}

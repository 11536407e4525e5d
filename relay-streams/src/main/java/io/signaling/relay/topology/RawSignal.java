package io.signaling.relay.topology;

import io.signaling.schemas.signal.SignalAccepted;
import java.util.Map;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * A signal as read from the signals topic: the record and the very bytes it was read
 * from. The relay holds the bytes, not a re-serialization wrapped in something deeper:
 * bytes that were read once read again the same way, so no content that the relay could
 * read can fail to be stored or come back from the store (docs/security.md).
 *
 * @param json the record's value as it is in the topic; never modified
 */
record RawSignal(SignalAccepted signal, byte[] json) {

    /**
     * The signals topic's deserializer, keeping the bytes next to what it read from them.
     */
    static Deserializer<RawSignal> deserializer(Deserializer<SignalAccepted> signals) {
        return new Deserializer<>() {
            @Override
            public void configure(Map<String, ?> configs, boolean isKey) {
                signals.configure(configs, isKey);
            }

            @Override
            public RawSignal deserialize(String topic, byte[] data) {
                SignalAccepted signal = signals.deserialize(topic, data);
                return signal == null ? null : new RawSignal(signal, data);
            }

            @Override
            public RawSignal deserialize(String topic, Headers headers, byte[] data) {
                SignalAccepted signal = signals.deserialize(topic, headers, data);
                return signal == null ? null : new RawSignal(signal, data);
            }

            @Override
            public void close() {
                signals.close();
            }
        };
    }
}

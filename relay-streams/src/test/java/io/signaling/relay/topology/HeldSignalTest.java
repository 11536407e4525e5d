package io.signaling.relay.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.signaling.schemas.json.Json;
import io.signaling.schemas.json.Serdes;
import io.signaling.schemas.signal.SignalAccepted;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

/**
 * The held-signals store's values: the signal's own bytes, never re-wrapped; older values
 * still read.
 */
class HeldSignalTest {

    private final Serde<HeldSignal> serde = HeldSignal.serde();

    private final byte[] signal = Serdes.json(SignalAccepted.class)
        .serializer()
        .serialize("t", Fixtures.signal("m1", "alice", "bob"));

    @Test
    void theSignalBytesComeBackUnchangedWithTheirCoordinates() {
        HeldSignal read = serde.deserializer()
            .deserialize("t", serde.serializer().serialize("t", new HeldSignal(signal, 3, 42)));

        assertThat(read.signal()).isEqualTo(signal);
        assertThat(read.sourcePartition()).isEqualTo(3);
        assertThat(read.sourceOffset()).isEqualTo(42);
        assertThat(read.readable()).isTrue();
    }

    @Test
    void aValueAnEarlierRelayWroteAsJsonIsStillRead() {
        String legacy = "{\"signal\":" + new String(signal, StandardCharsets.UTF_8)
                + ",\"sourcePartition\":3,\"sourceOffset\":42}";

        HeldSignal read = serde.deserializer().deserialize("t", legacy.getBytes(StandardCharsets.UTF_8));

        assertThat(Json.mapper().readTree(read.signal())).isEqualTo(Json.mapper().readTree(signal));
        assertThat(read.sourceOffset()).isEqualTo(42);
    }

    @Test
    void aDamagedValueReadsAsUnreadableInsteadOfFailingItsBatch() {
        assertThat(serde.deserializer().deserialize("t", new byte[] { 7, 1, 2 }).readable()).isFalse();
        assertThat(serde.deserializer().deserialize("t", "{\"signal\":".getBytes(StandardCharsets.UTF_8)).readable())
            .isFalse();
    }

}

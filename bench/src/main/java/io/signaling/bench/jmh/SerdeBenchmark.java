package io.signaling.bench.jmh;

import io.signaling.schemas.json.Serdes;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Serialization and deserialization of every record type through the serde its topic uses
 * ({@code Serdes.json(family)}): the cost every service pays per record on Kafka.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SerdeBenchmark {

    @Param({ "create-session", "end-session", "connection-opened", "connection-closed", "delivery-failed",
            "signal-accepted", "session-created", "session-refused", "session-acked", "session-deleted",
            "session-expired", "session-state", "signal-delivery", "signal-rejection", "gateway-heartbeat" })
    public String record;

    private Serializer<Object> serializer;

    private Deserializer<Object> deserializer;

    private Object value;

    private byte[] bytes;

    @Setup
    @SuppressWarnings("unchecked")
    public void setUp() {
        Serde<Object> serde = (Serde<Object>) Serdes.json(RecordSamples.ALL.get(record).type());
        serializer = serde.serializer();
        deserializer = serde.deserializer();
        value = RecordSamples.value(record);
        bytes = serializer.serialize("bench", value);
        Object back = deserializer.deserialize("bench", bytes);
        if (!value.equals(back)) {
            throw new IllegalStateException(record + " does not survive a round trip: " + back);
        }
    }

    @Benchmark
    public byte[] serialize() {
        return serializer.serialize("bench", value);
    }

    @Benchmark
    public Object deserialize() {
        return deserializer.deserialize("bench", bytes);
    }

}

package io.signaling.bench.jmh;

import io.signaling.relay.topology.RelaySettings;
import io.signaling.relay.topology.SignalingTopology;
import io.signaling.schemas.gateway.GatewayReport;
import io.signaling.schemas.session.SessionCommand;
import io.signaling.schemas.signal.SignalAccepted;
import io.signaling.schemas.topic.Topics;
import io.signaling.schemas.topic.TopicsProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The relay's routing step for one signal: the production topology
 * ({@code SignalingTopology.build}) in a {@link TopologyTestDriver} with its RocksDB
 * stores, from the serialized {@code SignalAccepted} in to the serialized delivery out.
 * {@code delivered}: the recipient's session is acked; {@code rejected}: the recipient
 * has no session. Broker and network are not in it.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RoutingBenchmark {

    @Param({ "delivered", "rejected" })
    public String outcome;

    private Path stateDir;

    private TopologyTestDriver driver;

    private TestInputTopic<String, SignalAccepted> signals;

    private TestOutputTopic<String, byte[]> deliveries;

    private SignalAccepted signal;

    private String recipient;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        // The driver commits after every record, writing Streams' checkpoint file (with
        // an fsync): on a disk
        // that is milliseconds of I/O per signal, which the real relay pays once per
        // commit interval.
        // In memory (/dev/shm) what is left is the routing and the driver's own
        // bookkeeping.
        Path shm = Path.of("/dev/shm");
        stateDir = Files.isDirectory(shm) && Files.isWritable(shm) ? Files.createTempDirectory(shm, "bench-routing")
                : Files.createTempDirectory("bench-routing");
        Topics topics = Topics.from(TopicsProperties.defaults("bench"));
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "bench-routing");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0);
        Instant now = Instant.now();
        driver = new TopologyTestDriver(SignalingTopology.build(topics, RelaySettings.defaults()), props, now);
        StringSerializer keys = new StringSerializer();
        TestInputTopic<String, SessionCommand> commands = driver.createInputTopic(topics.sessionCommands().name(), keys,
                topics.sessionCommands().valueSerde().serializer());
        TestInputTopic<String, GatewayReport> reports = driver.createInputTopic(topics.gatewayReports().name(), keys,
                topics.gatewayReports().valueSerde().serializer());
        signals = driver.createInputTopic(topics.signals().name(), keys, topics.signals().valueSerde().serializer());
        deliveries = driver.createOutputTopic(topics.deliveries().name(), new StringDeserializer(),
                new ByteArrayDeserializer());
        for (String user : new String[] { "alice", "bob" }) {
            commands.pipeInput(user, session(user, now));
            reports.pipeInput(user, opened(user, now));
        }
        recipient = "delivered".equals(outcome) ? "bob" : "carol";
        SignalAccepted sample = (SignalAccepted) RecordSamples.value("signal-accepted");
        signal = new SignalAccepted(sample.id(), "alice", recipient, sample.content(), now, sessionId("alice"),
                "gateway-1", 0);
        deliveries.readRecordsToList(); // nothing yet: sessions go to other topics
        String first = new String(route(), java.nio.charset.StandardCharsets.UTF_8);
        String expected = "delivered".equals(outcome) ? "\"type\":\"signal\"" : "\"type\":\"rejection\"";
        if (!first.contains(expected) || !deliveries.isEmpty()) {
            throw new IllegalStateException("the relay did not route as expected (" + outcome + "): " + first.length()
                    + " bytes, " + (first.contains("signal") ? "a signal" : "no signal"));
        }
    }

    @Benchmark
    public byte[] route() {
        signals.pipeInput(recipient, signal);
        return deliveries.readValue();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        driver.close();
        try (Stream<Path> files = Files.walk(stateDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        catch (UncheckedIOException e) {
            // a temp directory left behind is harmless
        }
    }

    private static String sessionId(String user) {
        return "00000000-0000-0000-0000-" + String.format("%012d", Math.abs(user.hashCode()) % 1_000_000_000_000L);
    }

    private static SessionCommand session(String user, Instant now) {
        return io.signaling.schemas.json.Json.mapper()
            .readValue("{\"type\":\"create-session\",\"userId\":\"" + user + "\",\"sessionId\":\"" + sessionId(user)
                    + "\",\"keyHash\":\"sha256:x\",\"gatewayId\":\"gateway-" + ("alice".equals(user) ? 1 : 2)
                    + "\",\"listeningAddress\":\"http://127.0.0.1:808" + ("alice".equals(user) ? 1 : 2)
                    + "/ws\",\"deliveryPartition\":0"
                    // the driver's output topics have one partition: every gateway reads
                    // partition 0 here
                    + ",\"requestedAt\":\"" + now + "\"}", SessionCommand.class);
    }

    private static GatewayReport opened(String user, Instant now) {
        return io.signaling.schemas.json.Json.mapper()
            .readValue("{\"type\":\"connection-opened\",\"userId\":\"" + user + "\",\"sessionId\":\"" + sessionId(user)
                    + "\",\"gatewayId\":\"gateway-" + ("alice".equals(user) ? 1 : 2) + "\",\"at\":\"" + now + "\"}",
                    GatewayReport.class);
    }

}

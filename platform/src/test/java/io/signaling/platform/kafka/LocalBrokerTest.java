package io.signaling.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.signaling.platform.net.Ports;
import io.signaling.platform.process.ChildProcess;
import io.signaling.platform.process.Console;
import io.signaling.platform.process.ProcessGroup;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The real broker, as the platform runs it: a child JVM from target/kafka-lib. */
@Timeout(240)
class LocalBrokerTest {

    private static final Path KAFKA_LIB = Path.of("target", "kafka-lib");

    private static final String TOPIC = "platform-test";

    @TempDir
    Path dataDir;

    private final ByteArrayOutputStream output = new ByteArrayOutputStream();

    private final Console console = new Console(new PrintStream(output, true, StandardCharsets.UTF_8));

    @BeforeAll
    static void theBrokerIsBuilt() {
        assertThat(KAFKA_LIB).as("target/kafka-lib, copied by the build before the tests").isDirectory();
    }

    @Test
    void formatsOnceKeepsItsRecordsAcrossARestartAndStopsCleanly() throws Exception {
        int[] ports = Ports.freePorts(2);
        BrokerConfig config = new BrokerConfig(dataDir.resolve("kafka"), ports[0], ports[1]);

        long firstPid = run(config, bootstrap -> {
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap));
                    KafkaProducer<String, String> producer = new KafkaProducer<>(
                            Map.of("bootstrap.servers", bootstrap, "acks", "all"), new StringSerializer(),
                            new StringSerializer())) {
                admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1))).all().get();
                producer.send(new ProducerRecord<>(TOPIC, "alice", "kept across restarts")).get();
            }
        });
        assertThat(printed()).contains("[kafka] formatting storage for cluster").contains("[platform] stopped");
        assertThat(ProcessHandle.of(firstPid)).isEmpty();
        assertThat(dataDir.resolve("logs").resolve("kafka.log")).content().contains("INFO");
        output.reset();

        AtomicReference<String> read = new AtomicReference<>();
        run(config, bootstrap -> read.set(readFirst(bootstrap)));

        assertThat(read.get()).isEqualTo("kept across restarts");
        assertThat(printed()).doesNotContain("formatting storage");
    }

    @Test
    void aProbeOfAPortWithoutKafkaGivesUpWithTheMessageItWasGiven() {
        int nothing = Ports.freePort();

        assertThatThrownBy(() -> ClusterProbe.await("127.0.0.1:" + nothing, Duration.ofSeconds(2),
                "Kafka at 127.0.0.1:" + nothing + " did not answer within 2 s", Optional::empty))
            .hasMessage("Kafka at 127.0.0.1:" + nothing + " did not answer within 2 s");
        assertThatThrownBy(() -> ClusterProbe.await("127.0.0.1:" + nothing, Duration.ofSeconds(30), "never",
                () -> Optional.of("the Kafka broker exited with code 1")))
            .hasMessage("the Kafka broker exited with code 1");
    }

    interface WithBroker {

        void accept(String bootstrap) throws Exception;

    }

    private long run(BrokerConfig config, WithBroker body) throws Exception {
        ProcessGroup group = new ProcessGroup(console, Duration.ofSeconds(30));
        try {
            LocalBroker broker = new LocalBroker(config, KAFKA_LIB, dataDir, console);
            broker.prepare();
            ChildProcess process = broker.start(group);
            ClusterProbe.await(config.bootstrapServers(), Duration.ofSeconds(120), "no broker",
                    () -> LocalBroker.deathOf(process, broker.logFile()));
            body.accept(config.bootstrapServers());
            return process.pid();
        }
        finally {
            group.stopAll();
        }
    }

    private static String readFirst(String bootstrap) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrap),
                new StringDeserializer(), new StringDeserializer())) {
            TopicPartition partition = new TopicPartition(TOPIC, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            AtomicReference<String> value = new AtomicReference<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    value.compareAndSet(null, record.value());
                }
                return value.get() != null;
            });
            return value.get();
        }
    }

    private String printed() {
        return output.toString(StandardCharsets.UTF_8);
    }

}

package io.signaling.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.signaling.platform.kafka.BrokerConfig;
import io.signaling.platform.kafka.ClusterProbe;
import io.signaling.platform.kafka.LocalBroker;
import io.signaling.platform.net.Ports;
import io.signaling.platform.process.ChildProcess;
import io.signaling.platform.process.Console;
import io.signaling.platform.process.ProcessGroup;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code signaling topics create} on the real broker the platform runs: idempotent, and
 * it never alters a topic.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(240)
class TopicsCreateCommandTest {

    private static final Path KAFKA_LIB = Path.of("target", "kafka-lib");

    @TempDir
    static Path dataDir;

    private ProcessGroup group;

    private String bootstrap;

    private final StringWriter out = new StringWriter();

    private final StringWriter err = new StringWriter();

    @BeforeAll
    void startBroker() {
        Console console = new Console(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        group = new ProcessGroup(console, Duration.ofSeconds(30));
        int[] ports = Ports.freePorts(2);
        BrokerConfig config = new BrokerConfig(dataDir.resolve("kafka"), ports[0], ports[1]);
        LocalBroker broker = new LocalBroker(config, KAFKA_LIB, dataDir, console);
        broker.prepare();
        ChildProcess process = broker.start(group);
        ClusterProbe.await(config.bootstrapServers(), Duration.ofSeconds(120), "no broker",
                () -> LocalBroker.deathOf(process, broker.logFile()));
        bootstrap = config.bootstrapServers();
    }

    @AfterAll
    void stopBroker() {
        group.stopAll();
    }

    @Test
    void createsTheTopicsOnceAndThenLeavesThemAsTheyAre() {
        assertThat(run("topics", "create", "--bootstrap-servers", bootstrap, "--signaling.topics.prefix=again",
                "--signaling.topics.partitions=2"))
            .isZero();
        assertThat(out.toString()).contains("created again.session-commands", "again.sessions", "again.gateways");

        assertThat(run("topics", "create", "--bootstrap-servers", bootstrap, "--signaling.topics.prefix=again",
                "--signaling.topics.partitions=2"))
            .isZero();
        assertThat(out.toString()).contains("none created", "already there as expected: again.session-commands");
    }

    @Test
    void refusesToAlterATopicLaidOutOtherwise() throws Exception {
        assertThat(run("topics", "create", "--bootstrap-servers", bootstrap, "--signaling.topics.prefix=refused",
                "--signaling.topics.partitions=2"))
            .isZero();

        assertThat(run("topics", "create", "--bootstrap-servers", bootstrap, "--signaling.topics.prefix=refused",
                "--signaling.topics.partitions=4"))
            .isEqualTo(1);

        assertThat(err.toString())
            .startsWith("signaling: error: topic refused.session-commands: partitions expected 4, found 2")
            .contains("topic refused.sessions: partitions expected 4, found 2", "never altered");
        try (Admin admin = Admin.create(Map.<String, Object>of("bootstrap.servers", bootstrap))) {
            Map<String, TopicDescription> topics = admin.describeTopics(List.of("refused.sessions", "refused.signals"))
                .allTopicNames()
                .get();
            assertThat(topics.values()).allSatisfy(t -> assertThat(t.partitions()).as("unchanged").hasSize(2));
        }
    }

    @Test
    void anArgumentThatIsNotATopicSettingIsRefused() {
        assertThat(run("topics", "create", "--bootstrap-servers", bootstrap, "--signaling.gateway.id=x")).isEqualTo(1);
        assertThat(err.toString()).contains("unknown argument '--signaling.gateway.id=x'");
    }

    /**
     * One run's output: what was printed before is cleared (the class's tests share the
     * writers).
     */
    private int run(String... args) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        return SignalingCli.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

}

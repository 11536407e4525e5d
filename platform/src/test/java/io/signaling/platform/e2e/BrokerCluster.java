package io.signaling.platform.e2e;

import io.signaling.platform.kafka.ClusterProbe;
import io.signaling.platform.process.Console;
import io.signaling.platform.process.JavaCommand;
import io.signaling.platform.process.ProcessGroup;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.common.Uuid;

/**
 * A production-shaped Kafka cluster of child JVMs, started the way
 * {@code bin/signaling platform} starts its broker
 * ({@code java -cp <kafka-lib>/* kafka.Kafka server.properties}, the same JVM options and
 * log4j2 file): one dedicated KRaft controller and three brokers, topics replicated three
 * times with {@code min.insync.replicas} 2. A broker can be killed with SIGKILL like any
 * process. The brokers keep Kafka's defaults for failure detection
 * ({@code broker.session.timeout.ms} 9 s): what an operator's cluster would have.
 */
final class BrokerCluster implements AutoCloseable {

    private static final int CONTROLLER = 0;

    private static final Duration FORMAT_TIMEOUT = Duration.ofSeconds(90);

    private final Path dir;

    private final Path kafkaLib;

    private final Path dataDir;

    private final String clusterId = Uuid.randomUuid().toString();

    private final int controllerPort;

    /** Node id → client port. */
    private final Map<Integer, Integer> brokerPorts = new TreeMap<>();

    private final ProcessGroup group;

    private BrokerCluster(Path dir, Path kafkaLib, Path dataDir, int controllerPort, List<Integer> ports) {
        this.dir = dir;
        this.kafkaLib = kafkaLib;
        this.dataDir = dataDir;
        this.controllerPort = controllerPort;
        for (int i = 0; i < ports.size(); i++) {
            brokerPorts.put(i + 1, ports.get(i));
        }
        this.group = new ProcessGroup(new Console(System.out), Duration.ofSeconds(20));
    }

    /**
     * Formats and starts the controller and three brokers under {@code dir}; returns once
     * all three brokers answer.
     */
    static BrokerCluster start(Path dir, Path kafkaLib, Path dataDir) throws IOException {
        int controllerPort = TestPorts.freePortBlock(1);
        List<Integer> ports = new ArrayList<>();
        while (ports.size() < 3) {
            int port = TestPorts.freePortBlock(1);
            if (port != controllerPort && !ports.contains(port)) {
                ports.add(port);
            }
        }
        BrokerCluster cluster = new BrokerCluster(dir, kafkaLib, dataDir, controllerPort, ports);
        try {
            cluster.startNode(CONTROLLER, cluster.controllerProperties());
            for (int node : cluster.brokerPorts.keySet()) {
                cluster.startNode(node, cluster.brokerProperties(node));
            }
            ClusterProbe.await(cluster.bootstrapServers(), Duration.ofSeconds(120), "the three brokers did not answer",
                    Optional::empty);
            return cluster;
        }
        catch (RuntimeException | IOException e) {
            cluster.close();
            throw e;
        }
    }

    String bootstrapServers() {
        return brokerPorts.values().stream().map(port -> "127.0.0.1:" + port).collect(Collectors.joining(","));
    }

    /** The JVM of broker {@code node} (1 to 3). */
    ProcessHandle broker(int node) {
        return group.children()
            .stream()
            .filter(c -> c.name().equals(name(node)))
            .findFirst()
            .map(c -> ProcessHandle.of(c.pid()).orElseThrow())
            .orElseThrow();
    }

    private void startNode(int node, String properties) throws IOException {
        Path nodeDir = Files.createDirectories(dir.resolve(name(node)));
        Path config = nodeDir.resolve("server.properties");
        Files.writeString(config, properties.replace("@LOG_DIR@", escape(nodeDir.resolve("data").toString())),
                StandardCharsets.UTF_8);
        Path log4j = nodeDir.resolve("log4j2.properties");
        try (InputStream in = BrokerCluster.class.getResourceAsStream("/kafka-log4j2.properties")) {
            Files.copy(in, log4j, StandardCopyOption.REPLACE_EXISTING);
        }
        List<String> options = new ArrayList<>(JavaCommand.childOptions("384m", dataDir));
        options.add("-Djava.awt.headless=true");
        options.add("-Dkafka.logs.dir=" + nodeDir.resolve("logs"));
        options.add("-Dlog4j2.configurationFile=" + log4j);
        format(config, options);
        group.start(name(node), JavaCommand.mainClass(classPath(), "kafka.Kafka", options, List.of(config.toString())),
                dir);
    }

    private void format(Path config, List<String> options) throws IOException {
        Process format = new ProcessBuilder(JavaCommand.mainClass(classPath(), "kafka.tools.StorageTool", options,
                List.of("format", "-t", clusterId, "-c", config.toString())))
            .redirectErrorStream(true)
            .start();
        String output = new String(format.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!format.waitFor(FORMAT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS) || format.exitValue() != 0) {
                throw new IOException("formatting " + config + " failed: " + output);
            }
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private String controllerProperties() {
        return """
                process.roles=controller
                node.id=%d
                controller.quorum.voters=%s
                controller.listener.names=CONTROLLER
                listeners=CONTROLLER://127.0.0.1:%d
                listener.security.protocol.map=CONTROLLER:PLAINTEXT
                log.dirs=@LOG_DIR@
                """.formatted(CONTROLLER, voters(), controllerPort);
    }

    private String brokerProperties(int node) {
        int port = brokerPorts.get(node);
        return """
                process.roles=broker
                node.id=%d
                controller.quorum.voters=%s
                controller.listener.names=CONTROLLER
                listeners=PLAINTEXT://127.0.0.1:%d
                advertised.listeners=PLAINTEXT://127.0.0.1:%d
                inter.broker.listener.name=PLAINTEXT
                listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
                log.dirs=@LOG_DIR@
                default.replication.factor=3
                min.insync.replicas=2
                offsets.topic.replication.factor=3
                transaction.state.log.replication.factor=3
                transaction.state.log.min.isr=2
                share.coordinator.state.topic.replication.factor=3
                share.coordinator.state.topic.min.isr=2
                group.initial.rebalance.delay.ms=0
                """.formatted(node, voters(), port, port);
    }

    private String voters() {
        return CONTROLLER + "@127.0.0.1:" + controllerPort;
    }

    private String classPath() {
        return kafkaLib.toAbsolutePath() + File.separator + "*";
    }

    private static String name(int node) {
        return node == CONTROLLER ? "controller" : "broker-" + node;
    }

    private static String escape(String path) {
        return path.replace("\\", "\\\\").replace(":", "\\:");
    }

    @Override
    public void close() {
        group.stopAll();
    }

}

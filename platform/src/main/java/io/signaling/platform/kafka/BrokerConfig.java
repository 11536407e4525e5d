package io.signaling.platform.kafka;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;
import java.util.Properties;

/**
 * The local broker's {@code server.properties}: one KRaft node that is both broker and
 * controller, listening on loopback only, with the replication factors a single node can
 * satisfy.
 *
 * @param kafkaDir {@code <data-dir>/kafka}: this file, the cluster id, and the log dirs
 * under {@code data/}
 * @param port the client listener ({@code PLAINTEXT}), what services use as bootstrap
 * server
 * @param controllerPort the KRaft controller listener; nobody outside the broker uses it
 */
public record BrokerConfig(Path kafkaDir, int port, int controllerPort) {

    static final int NODE_ID = 1;

    public Path serverProperties() {
        return kafkaDir.resolve("server.properties");
    }

    public Path logDir() {
        return kafkaDir.resolve("data");
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public String render() {
        String controller = "127.0.0.1:" + controllerPort;
        return """
                # Written by bin/signaling platform on every start; edits are overwritten.
                process.roles=broker,controller
                node.id=%d
                controller.quorum.bootstrap.servers=%s
                controller.listener.names=CONTROLLER
                listeners=PLAINTEXT://127.0.0.1:%d,CONTROLLER://%s
                advertised.listeners=PLAINTEXT://127.0.0.1:%d,CONTROLLER://%s
                inter.broker.listener.name=PLAINTEXT
                listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
                log.dirs=%s
                # One node: every internal topic has one replica.
                offsets.topic.replication.factor=1
                transaction.state.log.replication.factor=1
                transaction.state.log.min.isr=1
                share.coordinator.state.topic.replication.factor=1
                share.coordinator.state.topic.min.isr=1
                # Consumer groups of a local platform have nobody to wait for.
                group.initial.rebalance.delay.ms=0
                # It shares a machine's few cores with every service: Kafka's 3 network and 8
                # request threads cost more in hand-offs than they carry here (performance.md).
                num.network.threads=1
                num.io.threads=2
                """.formatted(NODE_ID, controller, port, controller, port, controller, escape(logDir().toString()));
    }

    public void write() throws IOException {
        Files.createDirectories(kafkaDir);
        Files.writeString(serverProperties(), render(), StandardCharsets.UTF_8);
    }

    /**
     * The controller port of the file a previous start wrote, if any. Formatting with
     * {@code --standalone} records the voter's endpoint in the metadata log; keeping the
     * port keeps the node where that record says it is.
     */
    public static OptionalInt previousControllerPort(Path serverProperties) {
        if (!Files.isRegularFile(serverProperties)) {
            return OptionalInt.empty();
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(serverProperties, StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        catch (IOException e) {
            return OptionalInt.empty();
        }
        String servers = properties.getProperty("controller.quorum.bootstrap.servers", "");
        int colon = servers.lastIndexOf(':');
        try {
            return colon < 0 ? OptionalInt.empty()
                    : OptionalInt.of(Integer.parseInt(servers.substring(colon + 1).trim()));
        }
        catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }

    /** Backslashes and colons are escapes in a properties file (Windows paths). */
    private static String escape(String path) {
        return path.replace("\\", "\\\\").replace(":", "\\:");
    }
}

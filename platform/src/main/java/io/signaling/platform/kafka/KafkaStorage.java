package io.signaling.platform.kafka;

import io.signaling.platform.LaunchException;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.common.Uuid;

/**
 * The broker's storage under {@code <data-dir>/kafka}: formatted once, on the first
 * start, for a cluster id the platform records next to it ({@code cluster.id}); every
 * later start reuses it. A log dir formatted for another cluster or node is refused in
 * one line, before Kafka would fail with a stack trace.
 */
public final class KafkaStorage {

    private final Path logDir;

    private final Path clusterIdFile;

    public KafkaStorage(BrokerConfig config) {
        this.logDir = config.logDir();
        this.clusterIdFile = config.kafkaDir().resolve("cluster.id");
    }

    /**
     * What the next start needs: the cluster id, and whether the storage must be
     * formatted first.
     */
    public record Plan(String clusterId, boolean format) {
    }

    public Plan plan() {
        Optional<String> recorded = read(clusterIdFile);
        Path meta = logDir.resolve("meta.properties");
        if (!Files.isRegularFile(meta)) {
            String clusterId = recorded.orElseGet(() -> Uuid.randomUuid().toString());
            record(clusterId);
            return new Plan(clusterId, true);
        }
        Properties properties = load(meta);
        String formatted = properties.getProperty("cluster.id", "");
        if (recorded.isPresent() && !recorded.get().equals(formatted)) {
            throw new LaunchException("the Kafka data in " + logDir + " belongs to cluster " + formatted
                    + ", not to this platform's cluster " + recorded.get() + "; use another --data-dir, or delete "
                    + logDir + " to start empty");
        }
        String node = properties.getProperty("node.id", "");
        if (!node.equals(Integer.toString(BrokerConfig.NODE_ID))) {
            throw new LaunchException("the Kafka data in " + logDir + " was formatted for node " + node
                    + ", not for the platform's node " + BrokerConfig.NODE_ID + "; use another --data-dir");
        }
        if (recorded.isEmpty()) {
            record(formatted);
        }
        return new Plan(formatted, false);
    }

    private void record(String clusterId) {
        try {
            Files.createDirectories(clusterIdFile.getParent());
            Files.writeString(clusterIdFile, clusterId + System.lineSeparator(), StandardCharsets.UTF_8);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Optional<String> read(Path file) {
        try {
            return Files.isRegularFile(file) ? Optional.of(Files.readString(file, StandardCharsets.UTF_8).trim())
                    : Optional.empty();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Properties load(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
            return properties;
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

}

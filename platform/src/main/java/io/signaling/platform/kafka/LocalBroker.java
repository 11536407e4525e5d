package io.signaling.platform.kafka;

import io.signaling.platform.LaunchException;
import io.signaling.platform.process.ChildProcess;
import io.signaling.platform.process.Console;
import io.signaling.platform.process.JavaCommand;
import io.signaling.platform.process.ProcessGroup;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A real Apache Kafka broker in KRaft combined mode, run as a child JVM from the broker's
 * own class path ({@code java -cp <kafka-lib>/* kafka.Kafka server.properties}), its data
 * under {@code <data-dir>/kafka} and its INFO log in {@code <data-dir>/logs/kafka.log}.
 */
public final class LocalBroker {

    public static final String NAME = "kafka";

    private static final Duration FORMAT_TIMEOUT = Duration.ofSeconds(60);

    private final BrokerConfig config;

    private final Path kafkaLib;

    private final Path logsDir;

    private final Path dataDir;

    private final Console console;

    public LocalBroker(BrokerConfig config, Path kafkaLib, Path dataDir, Console console) {
        this.config = config;
        this.kafkaLib = kafkaLib;
        this.dataDir = dataDir;
        this.logsDir = dataDir.resolve("logs");
        this.console = console;
    }

    public BrokerConfig config() {
        return config;
    }

    public Path logFile() {
        return logsDir.resolve("kafka.log");
    }

    /** Writes the configuration and, on the first start only, formats the storage. */
    public void prepare() {
        KafkaStorage.Plan storage = new KafkaStorage(config).plan();
        try {
            Files.createDirectories(logsDir);
            config.write();
            try (InputStream log4j = LocalBroker.class.getResourceAsStream("/kafka-log4j2.properties")) {
                Files.copy(log4j, log4jConfig(), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (storage.format()) {
            format(storage.clusterId());
        }
    }

    public ChildProcess start(ProcessGroup group) {
        return group.start(NAME, JavaCommand.mainClass(classPath(), "kafka.Kafka", jvmOptions(),
                List.of(config.serverProperties().toString())), dataDir);
    }

    private void format(String clusterId) {
        console.line(NAME, "formatting storage for cluster " + clusterId + " (first start of this data dir)");
        List<String> command = JavaCommand.mainClass(classPath(), "kafka.tools.StorageTool", jvmOptions(),
                List.of("format", "--standalone", "-t", clusterId, "-c", config.serverProperties().toString()));
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        }
        catch (IOException e) {
            throw new UncheckedIOException("could not start Kafka's storage tool", e);
        }
        List<String> output = readAll(process.getInputStream());
        try {
            if (!process.waitFor(FORMAT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new LaunchException("formatting the Kafka storage in " + config.logDir() + " took over "
                        + FORMAT_TIMEOUT.toSeconds() + " s");
            }
        }
        catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new LaunchException("interrupted while formatting the Kafka storage");
        }
        if (process.exitValue() != 0) {
            String last = output.isEmpty() ? "no output" : output.get(output.size() - 1);
            throw new LaunchException("formatting the Kafka storage in " + config.logDir() + " failed: " + last);
        }
        output.forEach(line -> console.line(NAME, line));
    }

    private static List<String> readAll(InputStream in) {
        List<String> lines = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                lines.add(line);
            }
        }
        catch (IOException ended) {
            // The tool's output ends with the tool.
        }
        return lines;
    }

    /** Why waiting for the broker is pointless, if its process has died. */
    public static Optional<String> deathOf(ChildProcess broker, Path logFile) {
        if (broker.isAlive()) {
            return Optional.empty();
        }
        return Optional
            .of("the Kafka broker exited with code " + broker.exitValue() + " during start-up; see " + logFile);
    }

    private String classPath() {
        return kafkaLib.toAbsolutePath() + File.separator + "*";
    }

    private Path log4jConfig() {
        return config.kafkaDir().resolve("log4j2.properties");
    }

    private List<String> jvmOptions() {
        List<String> options = new ArrayList<>(JavaCommand.childOptions("512m", dataDir));
        options.add("-Djava.awt.headless=true");
        options.add("-Dkafka.logs.dir=" + logsDir);
        options.add("-Dlog4j2.configurationFile=" + log4jConfig());
        return options;
    }

}

package io.signaling.bench.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

@Command(name = "audit-replay", mixinStandardHelpOptions = true, sortOptions = false,
        header = "Times the streaming audit replay of a large history on a real broker.",
        description = {
                "Writes --records accepted signals (--content-bytes of content each) to fresh topics on a real broker,",
                "then times the streaming audit replay of the whole history (HistoryReader.replay alone, then printing JSONL).",
                "The replay's memory does not grow with the history: a small heap (-Xmx256m) shows it." })
public final class AuditReplayCommand implements Callable<Integer> {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
        .withZone(ZoneOffset.UTC);

    @Option(names = "--bootstrap-servers", defaultValue = "127.0.0.1:9092", paramLabel = "HOST:PORT",
            description = "The broker (e.g. the one bin/signaling platform started). Default: ${DEFAULT-VALUE}.")
    String bootstrapServers;

    @Option(names = "--records", defaultValue = "1000000", paramLabel = "N", description = "Default: ${DEFAULT-VALUE}.")
    long records;

    @Option(names = "--content-bytes", defaultValue = "600", paramLabel = "BYTES",
            description = "Default: ${DEFAULT-VALUE}.")
    int contentBytes;

    @Option(names = "--runs", defaultValue = "2", paramLabel = "N",
            description = "Replays of the same history (the first may read from disk). Default: ${DEFAULT-VALUE}.")
    int runs;

    @Option(names = "--topic-prefix", paramLabel = "PREFIX",
            description = "Prefix of the topics written (default: bench-audit-<time>, never the platform's).")
    String topicPrefix;

    @Option(names = "--keep-topics", description = "Leave the topics on the broker afterwards.")
    boolean keepTopics;

    @Option(names = "--report-dir", defaultValue = "bench-reports", paramLabel = "DIR",
            description = "Default: ${DEFAULT-VALUE}.")
    Path reportDir;

    @Override
    public Integer call() {
        String prefix = topicPrefix != null ? topicPrefix
                : "bench-audit-" + STAMP.format(java.time.Instant.now()).toLowerCase(Locale.ROOT);
        AuditReplayReport report = new AuditReplayBench(bootstrapServers, prefix, System.out).run(records, contentBytes,
                Math.max(1, runs), keepTopics);
        Path json = write(report);
        System.out.println("report: " + json.toAbsolutePath());
        return 0;
    }

    private Path write(AuditReplayReport report) {
        try {
            Files.createDirectories(reportDir);
            Path json = reportDir.resolve("audit-replay-" + STAMP.format(report.startedAt()) + ".json");
            Files.writeString(json,
                    JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build().writeValueAsString(report)
                            + "\n");
            return json;
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

}

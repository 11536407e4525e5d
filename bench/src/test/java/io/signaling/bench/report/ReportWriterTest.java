package io.signaling.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.signaling.bench.client.ConnectStats;
import io.signaling.bench.stats.CpuMeter;
import io.signaling.bench.stats.Percentiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ReportWriterTest {

    private static final Percentiles LATENCY = new Percentiles(60_000, 2.1, 1.9, 3.5, 6.2, 12.4, 31.0);

    private static BenchReport relayReport() {
        return new BenchReport("relay", "abc123", Instant.parse("2030-01-01T00:00:00Z"),
                new BenchReport.Settings("http://127.0.0.1:8080", 100, 2000, 600, 5, 30, 64, 4, false),
                new BenchReport.Machine(2, 24L << 30, "Linux", "OpenJDK 17"),
                new ConnectStats.Summary(100, Map.of(),
                        Map.of("http://127.0.0.1:8081/ws", 50L, "http://127.0.0.1:8082/ws", 50L), LATENCY, LATENCY,
                        LATENCY),
                new BenchReport.Signals(70_000, 70_000, 0, Map.of(), 69_998, 1, 0, 2, 2000.0, 1999.5, LATENCY, LATENCY,
                        100, 100, 0.8, 600),
                null, null, null, Map.of(), new CpuMeter.ToolCpu(2, 10, 40, 0.25, 0.4, 1.6, 1.9),
                List.of("2 signals were still missing"));
    }

    @Test
    void writesJsonAndMarkdownNamedForTheScenarioAndTime(@TempDir Path dir) throws Exception {
        Path json = ReportWriter.write(relayReport(), dir);

        assertThat(json.getFileName()).hasToString("relay-20300101-000000.json");
        assertThat(dir.resolve("relay-20300101-000000.md")).exists();
        JsonNode node = JsonMapper.builder().build().readTree(Files.readString(json));
        assertThat(node.get("signals").get("lost").asLong()).isEqualTo(2);
        assertThat(node.get("signals").get("latencyMs").get("p99").asDouble()).isEqualTo(6.2);
        assertThat(node.get("startedAt").asString()).isEqualTo("2030-01-01T00:00:00Z");
        assertThat(node.has("calls")).isFalse();
    }

    @Test
    void theMarkdownSummaryShowsTheFiguresAPersonLooksFor() {
        String md = ReportWriter.markdown(relayReport());

        assertThat(md).startsWith("# bench relay")
            .contains("| lost / duplicated / reordered | 2 / 1 / 0 |")
            .contains("| one-way latency ms | p50 1.90 · p95 3.50 · p99 6.20 · p99.9 12.40 · max 31.00 (n=60000) |")
            .contains("2,000 sent/s")
            .contains("tool CPU | 0.25 cores avg")
            .contains("- 2 signals were still missing");
    }

}

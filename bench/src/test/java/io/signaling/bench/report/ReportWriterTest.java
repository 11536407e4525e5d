package io.signaling.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.signaling.bench.client.ConnectStats;
import io.signaling.bench.stats.CpuMeter;
import io.signaling.bench.stats.Percentiles;
import io.signaling.bench.stats.ProcessCpuWindow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ReportWriterTest {

    private static final Percentiles LATENCY = new Percentiles(60_000, 2.1, 1.9, 3.5, 6.2, 12.4, 31.0);

    private static final Signals SIGNALS = new Signals(70_000, 70_000, 0, Map.of(), 69_998, 1, 0, 2, 2000.0, 1999.5,
            LATENCY, LATENCY, 100, 100, 0.8, 600);

    /** The local platform's processes in the 30 s window. */
    private static final Map<String, ProcessCpuWindow.ProcessCpu> PROCESSES = new TreeMap<>(Map.of("kafka",
            new ProcessCpuWindow.ProcessCpu(18.0, 0.6), "relay", new ProcessCpuWindow.ProcessCpu(12.0, 0.4)));

    private static RunSummary run(String scenario) {
        return run(scenario, 100);
    }

    private static RunSummary run(String scenario, int users) {
        return new RunSummary(scenario, "abc123", Instant.parse("2030-01-01T00:00:00Z"),
                new RunSummary.Settings("http://127.0.0.1:8080", users, 5, 30, 5, 64),
                new RunSummary.Machine(2, 24L << 30, "Linux", "OpenJDK 17"),
                new ConnectStats.Summary(100, Map.of(),
                        Map.of("http://127.0.0.1:8081/ws", 50L, "http://127.0.0.1:8082/ws", 50L), LATENCY, LATENCY,
                        LATENCY),
                Map.of(), PROCESSES, new CpuMeter.ToolCpu(2, 10, 40, 0.25, 0.4, 1.6, 1.9),
                List.of("2 signals were still missing"));
    }

    private static RelayReport relayReport() {
        return new RelayReport(run("relay"), new RelayReport.Load(2000, 600, 4), SIGNALS);
    }

    private static JsonNode json(ScenarioReport report) {
        return JsonMapper.builder().build().readTree(ReportWriter.json(report));
    }

    @Test
    void writesJsonAndMarkdownNamedForTheScenarioAndTime(@TempDir Path dir) throws Exception {
        Path json = ReportWriter.write(relayReport(), dir);

        assertThat(json.getFileName()).hasToString("relay-20300101-000000.json");
        assertThat(dir.resolve("relay-20300101-000000.md")).exists();
        JsonNode node = JsonMapper.builder().build().readTree(Files.readString(json));
        assertThat(node.get("signals").get("lost").asLong()).isEqualTo(2);
        assertThat(node.get("signals").get("latencyMs").get("p99").asDouble()).isEqualTo(6.2);
    }

    @Test
    void theSharedPartIsAtTheTopLevelAndEachScenarioHasOnlyItsOwnSections() {
        JsonNode relay = json(relayReport());
        assertThat(relay.propertyNames()).containsExactlyInAnyOrder("scenario", "runId", "startedAt", "settings",
                "machine", "connect", "services", "processes", "tool", "notes", "load", "signals");
        assertThat(relay.get("startedAt").asString()).isEqualTo("2030-01-01T00:00:00Z");
        assertThat(relay.get("settings").get("concurrency").asInt()).isEqualTo(64);
        assertThat(relay.get("load").get("rate").asDouble()).isEqualTo(2000);
        assertThat(relay.get("load").get("window").asInt()).isEqualTo(4);

        JsonNode calls = json(new CallSetupReport(run("call-setup"), new CallSetupReport.Load(100), SIGNALS,
                new CallSetupReport.Calls(10, 9, 1, 0, 3.0, LATENCY, 22)));
        assertThat(calls.get("scenario").asString()).isEqualTo("call-setup");
        assertThat(calls.get("calls").get("completed").asLong()).isEqualTo(9);
        assertThat(calls.get("signals").get("refused").asLong()).isZero();
        assertThat(calls.has("storm")).isFalse();

        JsonNode storm = json(new ConnectStormReport(run("connect-storm"), new ConnectStormReport.Load(0, true),
                new ConnectStormReport.Storm("connect-only", 40, 13.3, 0, LATENCY)));
        assertThat(storm.get("storm").get("sessions").asLong()).isEqualTo(40);
        assertThat(storm.get("load").get("connectOnly").asBoolean()).isTrue();
        assertThat(storm.has("signals")).isFalse();

        JsonNode idle = json(new IdleConnectionsReport(run("idle-connections"),
                new IdleConnectionsReport.Idle(40, 40, 0, 2, 12, Map.of("http://127.0.0.1:8081",
                        new IdleConnectionsReport.IdleGateway(20, 50, 52, 55, 30, 512, 4096)))));
        assertThat(idle.get("idle").get("open").asLong()).isEqualTo(40);
        assertThat(idle.get("idle").get("gateways").size()).isEqualTo(1);
        assertThat(idle.propertyNames()).doesNotContain("signals", "load", "run");
    }

    @Test
    void theMarkdownSummaryShowsTheFiguresAPersonLooksFor() {
        String md = ReportWriter.markdown(relayReport());

        assertThat(md).startsWith("# bench relay")
            .contains("Target http://127.0.0.1:8080; 100 users, 2,000 signals/s (open loop), 600-byte messages")
            .contains("| lost / duplicated / reordered | 2 / 1 / 0 |")
            .contains("| one-way latency ms | p50 1.90 · p95 3.50 · p99 6.20 · p99.9 12.40 · max 31.00 (n=60000) |")
            .contains("2,000 sent/s")
            .contains("tool CPU | 0.25 cores avg")
            .contains("- 2 signals were still missing");
    }

    @Test
    void theRelayReportSaysWhatOneRelayedSignalCostEachProcessInTheWindow() {
        // 1,999.5 signals/s received over 30 s: 59,985 signals for 18 s and 12 s of CPU
        RelayReport report = relayReport();

        assertThat(report.summaryLine()).startsWith("cpu per relayed signal: 0.500 ms (kafka 0.300, relay 0.200) at ");
        assertThat(ReportWriter.markdown(report))
            .contains("| CPU per relayed signal (measured window) | 0.500 ms (kafka 0.300, relay 0.200) at ")
            .contains("| CPU by process, cores (measured window) | kafka 0.60 · relay 0.40 |");
        assertThat(json(report).get("processes").get("kafka").get("cpuSeconds").asDouble()).isEqualTo(18.0);
    }

    @Test
    void eachScenariosMarkdownHasItsOwnRows() {
        String storm = ReportWriter
            .markdown(new ConnectStormReport(run("connect-storm", 0), new ConnectStormReport.Load(0, false),
                    new ConnectStormReport.Storm("connect-open-close", 40, 13.3, 0, LATENCY)));
        assertThat(storm)
            .contains("Target http://127.0.0.1:8080; max (closed loop, 64 in flight), connect-open-close",
                    "| sessions per second | 13.30 |")
            .doesNotContain("signals sent");

        String calls = ReportWriter.markdown(new CallSetupReport(run("call-setup"), new CallSetupReport.Load(100),
                SIGNALS, new CallSetupReport.Calls(10, 9, 1, 0, 3.0, LATENCY, 22)));
        assertThat(calls).contains("100 calls/s (open loop)",
                "| calls started / completed / failed / skipped (busy) | 10 / 9 / 1 / 0 |",
                "signals sent / acked / received");
    }

}

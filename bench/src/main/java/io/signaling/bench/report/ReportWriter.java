package io.signaling.bench.report;

import static io.signaling.bench.report.MarkdownTable.percentiles;

import io.signaling.bench.client.ConnectStats;
import io.signaling.bench.stats.ServiceMetrics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes a scenario's report as {@code <scenario>-<time>.json} and a Markdown summary
 * next to it.
 */
public final class ReportWriter {

    private static final JsonMapper MAPPER = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
        .withZone(ZoneOffset.UTC);

    private ReportWriter() {
    }

    /**
     * @return the JSON file; the Markdown file has the same name ending in {@code .md}
     */
    public static Path write(ScenarioReport report, Path dir) {
        try {
            Files.createDirectories(dir);
            String base = report.run().scenario() + "-" + STAMP.format(report.run().startedAt());
            Path json = dir.resolve(base + ".json");
            Files.writeString(json, json(report));
            Files.writeString(dir.resolve(base + ".md"), markdown(report));
            return json;
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot write the report to " + dir, e);
        }
    }

    public static String json(ScenarioReport report) {
        return MAPPER.writeValueAsString(report) + "\n";
    }

    public static String markdown(ScenarioReport report) {
        RunSummary r = report.run();
        StringBuilder md = new StringBuilder();
        md.append("# bench ").append(r.scenario()).append(" — ").append(r.startedAt()).append("\n\n");
        RunSummary.Settings s = r.settings();
        // connect-storm makes a new user per cycle: it has no --users
        md.append(String.format(Locale.ROOT, "Target %s; %s%s, warm-up %.0f s, measured %.0f s, concurrency %d.%n%n",
                s.url(), s.users() > 0 ? s.users() + " users, " : "", report.describeLoad(), s.warmupSeconds(),
                s.durationSeconds(), s.concurrency()));
        md.append("Machine: ")
            .append(r.machine().cores())
            .append(" cores, ")
            .append(r.machine().memoryBytes() / (1024 * 1024 * 1024))
            .append(" GiB, ")
            .append(r.machine().os())
            .append(", ")
            .append(r.machine().jvm())
            .append(".\n\n");
        MarkdownTable table = new MarkdownTable(md);
        report.addRows(table);
        if (r.connect() != null && r.connect().succeeded() + r.connect().failed().size() > 0) {
            ConnectStats.Summary c = r.connect();
            table.row("connects ok / failed", c.succeeded() + " / " + c.failed());
            table.row("sessions per gateway", c.byGateway().toString());
            table.row("/connect ms", percentiles(c.connectMs()));
            table.row("SockJS open ms", percentiles(c.openMs()));
            table.row("/connect + open ms", percentiles(c.totalMs()));
        }
        if (r.tool() != null) {
            table.row("tool CPU",
                    String.format(Locale.ROOT,
                            "%.2f cores avg, %.2f max (machine: %.2f of %d cores busy avg, %.2f max)",
                            r.tool().avgCores(), r.tool().maxCores(), r.tool().machineAvgCores(),
                            r.tool().machineCores(), r.tool().machineMaxCores()));
        }
        if (r.services() != null) {
            for (Map.Entry<String, ServiceMetrics.Summary> e : r.services().entrySet()) {
                ServiceMetrics.Summary sv = e.getValue();
                table.row("service " + e.getKey(),
                        String.format(Locale.ROOT, "CPU %.2f cores avg, %.2f max; heap %.0f MiB last, %.0f max",
                                sv.cpuAvgCores(), sv.cpuMaxCores(), sv.heapUsedLastMb(), sv.heapUsedMaxMb()));
            }
        }
        if (r.processes() != null && !r.processes().isEmpty()) {
            StringBuilder cores = new StringBuilder();
            r.processes()
                .forEach((name, cpu) -> cores.append(cores.length() == 0 ? "" : " · ")
                    .append(name)
                    .append(' ')
                    .append(String.format(Locale.ROOT, "%.2f", cpu.avgCores())));
            table.row("CPU by process, cores (measured window)", cores.toString());
        }
        if (!r.notes().isEmpty()) {
            md.append("\nNotes:\n\n");
            r.notes().forEach(n -> md.append("- ").append(n).append('\n'));
        }
        return md.toString();
    }

}

package io.signaling.bench.report;

import io.signaling.bench.client.ConnectStats;
import io.signaling.bench.stats.Percentiles;
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
 * Writes a run's {@link BenchReport} as {@code <scenario>-<time>.json} and a Markdown
 * summary next to it.
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
    public static Path write(BenchReport report, Path dir) {
        try {
            Files.createDirectories(dir);
            String base = report.scenario() + "-" + STAMP.format(report.startedAt());
            Path json = dir.resolve(base + ".json");
            Files.writeString(json, json(report));
            Files.writeString(dir.resolve(base + ".md"), markdown(report));
            return json;
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot write the report to " + dir, e);
        }
    }

    public static String json(BenchReport report) {
        return MAPPER.writeValueAsString(report) + "\n";
    }

    public static String markdown(BenchReport r) {
        StringBuilder md = new StringBuilder();
        md.append("# bench ").append(r.scenario()).append(" — ").append(r.startedAt()).append("\n\n");
        BenchReport.Settings s = r.settings();
        md.append(String.format(Locale.ROOT,
                "Target %s; %d users, rate %s, %d-byte messages, warm-up %.0f s, measured %.0f s, concurrency %d.%n%n",
                s.url(), s.users(),
                s.rate() > 0 ? fmt(s.rate()) + "/s (open loop)" : "max (closed loop, window " + s.window() + ")",
                s.messageBytes(), s.warmupSeconds(), s.durationSeconds(), s.concurrency()));
        md.append("Machine: ")
            .append(r.machine().cores())
            .append(" cores, ")
            .append(r.machine().memoryBytes() / (1024 * 1024 * 1024))
            .append(" GiB, ")
            .append(r.machine().os())
            .append(", ")
            .append(r.machine().jvm())
            .append(".\n\n");
        md.append("| metric | value |\n|---|---|\n");
        if (r.signals() != null) {
            BenchReport.Signals g = r.signals();
            row(md, "signals sent / acked / received", g.sent() + " / " + g.acked() + " / " + g.received());
            row(md, "lost / duplicated / reordered", g.lost() + " / " + g.duplicated() + " / " + g.reordered());
            row(md, "refused (error frames)", g.refused() + (g.errors().isEmpty() ? "" : " " + g.errors()));
            row(md, "throughput (measured window)",
                    fmt(g.sentPerSecond()) + " sent/s, " + fmt(g.receivedPerSecond()) + " received/s");
            row(md, "one-way latency ms", percentiles(g.latencyMs()));
            row(md, "ack latency ms", percentiles(g.ackMs()));
            row(md, "streams (crossing gateways)", g.streams() + " (" + g.crossGatewayStreams() + ")");
            row(md, "average message bytes", fmt(g.avgMessageBytes()));
            row(md, "pacer max lateness ms", fmt(g.pacerLateMaxMs()));
        }
        if (r.calls() != null) {
            BenchReport.Calls c = r.calls();
            row(md, "calls started / completed / failed / skipped (busy)",
                    c.started() + " / " + c.completed() + " / " + c.failed() + " / " + c.skippedBusy());
            row(md, "calls completed per second", fmt(c.completedPerSecond()));
            row(md, "call setup ms (offer → all " + c.signalsPerCall() + " signals in)", percentiles(c.setupMs()));
        }
        if (r.storm() != null) {
            BenchReport.Storm st = r.storm();
            row(md, "storm mode", st.mode());
            row(md, "sessions (measured window)", Long.toString(st.sessions()));
            row(md, "sessions per second", fmt(st.sessionsPerSecond()));
            row(md, "failed", Long.toString(st.failed()));
            row(md, "cycle ms", percentiles(st.cycleMs()));
        }
        if (r.idle() != null) {
            BenchReport.Idle i = r.idle();
            row(md, "idle connections requested / open at end / closed early",
                    i.requested() + " / " + i.open() + " / " + i.closedEarly());
            row(md, "held for", fmt(i.holdSeconds()) + " s (" + i.heartbeats() + " SockJS heartbeats received)");
            for (Map.Entry<String, BenchReport.IdleGateway> e : i.gateways().entrySet()) {
                BenchReport.IdleGateway g = e.getValue();
                row(md, "gateway " + e.getKey(), String.format(Locale.ROOT,
                        "%.0f connections; heap used %.0f MiB (baseline %.0f, max %.0f, live after GC %.0f) of %.0f MiB; %.0f B/connection",
                        g.connections(), g.heapUsedMb(), g.heapUsedBaselineMb(), g.heapUsedMaxMb(), g.liveDataMb(),
                        g.heapMaxMb(), g.bytesPerConnection()));
            }
        }
        if (r.connect() != null && r.connect().succeeded() + r.connect().failed().size() > 0) {
            ConnectStats.Summary c = r.connect();
            row(md, "connects ok / failed", c.succeeded() + " / " + c.failed());
            row(md, "sessions per gateway", c.byGateway().toString());
            row(md, "/connect ms", percentiles(c.connectMs()));
            row(md, "SockJS open ms", percentiles(c.openMs()));
            row(md, "/connect + open ms", percentiles(c.totalMs()));
        }
        if (r.tool() != null) {
            row(md, "tool CPU",
                    String.format(Locale.ROOT,
                            "%.2f cores avg, %.2f max (machine: %.2f of %d cores busy avg, %.2f max)",
                            r.tool().avgCores(), r.tool().maxCores(), r.tool().machineAvgCores(),
                            r.tool().machineCores(), r.tool().machineMaxCores()));
        }
        if (r.services() != null) {
            for (Map.Entry<String, ServiceMetrics.Summary> e : r.services().entrySet()) {
                ServiceMetrics.Summary sv = e.getValue();
                row(md, "service " + e.getKey(),
                        String.format(Locale.ROOT, "CPU %.2f cores avg, %.2f max; heap %.0f MiB last, %.0f max",
                                sv.cpuAvgCores(), sv.cpuMaxCores(), sv.heapUsedLastMb(), sv.heapUsedMaxMb()));
            }
        }
        if (r.notes() != null && !r.notes().isEmpty()) {
            md.append("\nNotes:\n\n");
            r.notes().forEach(n -> md.append("- ").append(n).append('\n'));
        }
        return md.toString();
    }

    static String percentiles(Percentiles p) {
        if (p == null || p.count() == 0) {
            return "–";
        }
        return String.format(Locale.ROOT, "p50 %s · p95 %s · p99 %s · p99.9 %s · max %s (n=%d)", fmt(p.p50()),
                fmt(p.p95()), fmt(p.p99()), fmt(p.p999()), fmt(p.max()), p.count());
    }

    private static void row(StringBuilder md, String metric, String value) {
        md.append("| ").append(metric).append(" | ").append(value.replace("|", "\\|")).append(" |\n");
    }

    static String fmt(double v) {
        if (Double.isNaN(v)) {
            return "–";
        }
        if (v >= 100) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        return String.format(Locale.ROOT, "%.2f", v);
    }

}

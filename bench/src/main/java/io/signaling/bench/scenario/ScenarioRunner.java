package io.signaling.bench.scenario;

import io.signaling.bench.report.BenchReport;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs the scenario the settings name and returns its report. */
public final class ScenarioRunner {

    private ScenarioRunner() {
    }

    public static BenchReport run(BenchSettings settings, PrintStream out) {
        out.println("bench " + settings.scenario() + " against " + settings.url() + " (run " + settings.runId() + ")");
        String loadBefore = loadAverage();
        try (RunContext ctx = new RunContext(settings, out)) {
            BenchReport report = scenario(ctx);
            List<String> notes = new ArrayList<>(report.notes());
            // Everything shares the machine's cores: a busy machine (other builds, tests)
            // skews every figure.
            notes.add("load average (1, 5, 15 min) at start " + loadBefore + ", at end " + loadAverage());
            return new BenchReport(report.scenario(), report.runId(), report.startedAt(), report.settings(),
                    report.machine(), report.connect(), report.signals(), report.calls(), report.storm(), report.idle(),
                    report.services(), report.tool(), notes);
        }
    }

    private static BenchReport scenario(RunContext ctx) {
        Scenario s = ctx.settings().scenario();
        if (s == Scenario.RELAY) {
            return new RelayScenario(ctx).run();
        }
        if (s == Scenario.CALL_SETUP) {
            return new CallSetupScenario(ctx).run();
        }
        if (s == Scenario.CONNECT_STORM) {
            return new ConnectStormScenario(ctx).run();
        }
        return new IdleConnectionsScenario(ctx).run();
    }

    /** The first three fields of /proc/loadavg, or "unknown" off Linux. */
    static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return fields[0] + " " + fields[1] + " " + fields[2];
        }
        catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

}

package io.signaling.bench.scenario;

import io.signaling.bench.report.ReportWriter;
import io.signaling.bench.report.ScenarioReport;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * What every scenario subcommand does around its scenario: runs it, writes its report
 * (JSON and Markdown), prints the summary, and answers the exit code.
 */
final class ScenarioLauncher {

    private ScenarioLauncher() {
    }

    /**
     * @param connectsInWindowOnly see {@link ScenarioRun}
     * @return 0, or 1 when not one user could connect (the platform is likely down)
     */
    static int run(RunSettings settings, boolean connectsInWindowOnly, Function<ScenarioRun, ScenarioReport> scenario) {
        PrintStream out = System.out;
        out.println("bench " + settings.scenario() + " against " + settings.url() + " (run " + settings.runId() + ")");
        ScenarioReport report;
        try (ScenarioRun run = new ScenarioRun(settings, out, connectsInWindowOnly)) {
            report = scenario.apply(run);
        }
        Path json = ReportWriter.write(report, settings.reportDir());
        out.println();
        out.print(ReportWriter.markdown(report));
        out.println();
        if (report.summaryLine() != null) {
            out.println(report.summaryLine());
        }
        out.println("report: " + json.toAbsolutePath() + " (and .md)");
        boolean nobody = report.run().connect().succeeded() == 0;
        return nobody ? 1 : 0;
    }

}

package io.signaling.bench.report;

import static io.signaling.bench.report.MarkdownTable.fmt;
import static io.signaling.bench.report.MarkdownTable.percentiles;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.signaling.bench.stats.Percentiles;

/**
 * {@code bench call-setup}: offer, answer and ICE candidates, as browser pairs make
 * calls.
 */
public record CallSetupReport(@JsonUnwrapped RunSummary run, Load load, Signals signals,
        Calls calls) implements ScenarioReport {

    /**
     * @param rate calls/s started (open loop only)
     */
    public record Load(double rate) {
    }

    /**
     * @param skippedBusy calls the pacer wanted to start while every pair was still in a
     * call
     * @param setupMs offer sent until both sides have everything (answer, 2 × 10
     * candidates)
     */
    public record Calls(long started, long completed, long failed, long skippedBusy, double completedPerSecond,
            Percentiles setupMs, int signalsPerCall) {
    }

    @Override
    public String describeLoad() {
        return fmt(load.rate()) + " calls/s (open loop)";
    }

    @Override
    public void addRows(MarkdownTable table) {
        table.row("calls started / completed / failed / skipped (busy)",
                calls.started() + " / " + calls.completed() + " / " + calls.failed() + " / " + calls.skippedBusy());
        table.row("calls completed per second", fmt(calls.completedPerSecond()));
        table.row("call setup ms (offer → all " + calls.signalsPerCall() + " signals in)",
                percentiles(calls.setupMs()));
        signals.addRows(table);
    }

}

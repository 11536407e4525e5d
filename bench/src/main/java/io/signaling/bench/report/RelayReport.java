package io.signaling.bench.report;

import static io.signaling.bench.report.MarkdownTable.fmt;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

/** {@code bench relay}: pairs of users streaming signals to each other. */
public record RelayReport(@JsonUnwrapped RunSummary run, Load load, Signals signals) implements ScenarioReport {

    /**
     * @param rate signals/s offered in all (open loop); 0 = closed loop
     * @param window closed loop: signals in flight per stream
     */
    public record Load(double rate, int messageBytes, int window) {
    }

    @Override
    public String describeLoad() {
        return (load.rate() > 0 ? fmt(load.rate()) + " signals/s (open loop)"
                : "max (closed loop, window " + load.window() + ")") + ", " + load.messageBytes() + "-byte messages";
    }

    @Override
    public void addRows(MarkdownTable table) {
        signals.addRows(table);
    }

}

package io.signaling.bench.report;

import static io.signaling.bench.report.MarkdownTable.fmt;
import static io.signaling.bench.report.MarkdownTable.percentiles;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.signaling.bench.stats.Percentiles;

/** {@code bench connect-storm}: sessions per second, each a new user. */
public record ConnectStormReport(@JsonUnwrapped RunSummary run, Load load, Storm storm) implements ScenarioReport {

    /**
     * @param rate cycles/s started (open loop); 0 = {@code concurrency} cycles always in
     * flight
     * @param connectOnly only {@code POST /connect}, never the socket
     */
    public record Load(double rate, boolean connectOnly) {
    }

    /**
     * @param mode {@code connect-open-close} or {@code connect-only}
     * @param sessions cycles completed in the measured window
     * @param cycleMs one whole cycle as the tool saw it
     */
    public record Storm(String mode, long sessions, double sessionsPerSecond, long failed, Percentiles cycleMs) {
    }

    @Override
    public String describeLoad() {
        return (load.rate() > 0 ? fmt(load.rate()) + " sessions/s (open loop)"
                : "max (closed loop, " + run.settings().concurrency() + " in flight)") + ", " + storm.mode();
    }

    @Override
    public void addRows(MarkdownTable table) {
        table.row("storm mode", storm.mode());
        table.row("sessions (measured window)", Long.toString(storm.sessions()));
        table.row("sessions per second", fmt(storm.sessionsPerSecond()));
        table.row("failed", Long.toString(storm.failed()));
        table.row("cycle ms", percentiles(storm.cycleMs()));
    }

}

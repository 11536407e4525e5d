package io.signaling.bench.report;

import static io.signaling.bench.report.MarkdownTable.fmt;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.signaling.bench.stats.ProcessCpuWindow;
import java.util.Locale;
import java.util.Map;

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
        String perSignal = cpuPerSignal();
        if (perSignal != null) {
            table.row("CPU per relayed signal (measured window)", perSignal);
        }
    }

    @Override
    public String summaryLine() {
        String perSignal = cpuPerSignal();
        return perSignal == null ? null : "cpu per relayed signal: " + perSignal;
    }

    /**
     * Milliseconds of CPU per signal received in the measured window, all the platform's
     * processes together and each one; null without a local platform's figures.
     */
    String cpuPerSignal() {
        double relayed = signals.receivedPerSecond() * run.settings().durationSeconds();
        Map<String, ProcessCpuWindow.ProcessCpu> processes = run.processes();
        if (processes == null || processes.isEmpty() || relayed <= 0) {
            return null;
        }
        double total = processes.values().stream().mapToDouble(ProcessCpuWindow.ProcessCpu::cpuSeconds).sum();
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%.3f ms (", total * 1000 / relayed));
        processes.forEach((name, cpu) -> line.append(name)
            .append(' ')
            .append(String.format(Locale.ROOT, "%.3f", cpu.cpuSeconds() * 1000 / relayed))
            .append(", "));
        line.setLength(line.length() - 2);
        return line.append(String.format(Locale.ROOT, ") at %s signals/s", fmt(signals.receivedPerSecond())))
            .toString();
    }

}

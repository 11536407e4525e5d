package io.signaling.bench.stats;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/**
 * The CPU each process of the local platform used in the measured window: read from the
 * operating system at the window's start and end, so it costs the services nothing (a
 * scrape of {@code /actuator/prometheus} once a second costs the relay about a fifth of
 * its CPU).
 */
public final class ProcessCpuWindow {

    private final PlatformProcesses processes;

    private volatile Map<String, Duration> atStart;

    private volatile long startNanos;

    private volatile Map<String, ProcessCpu> measured = Map.of();

    public ProcessCpuWindow(PlatformProcesses processes) {
        this.processes = processes;
    }

    public void begin() {
        startNanos = System.nanoTime();
        atStart = processes.cpu();
    }

    public void end() {
        Map<String, Duration> start = atStart;
        if (start == null) {
            return;
        }
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        Map<String, ProcessCpu> result = new TreeMap<>();
        processes.cpu().forEach((name, used) -> {
            Duration before = start.get(name);
            if (before != null && seconds > 0) {
                double cpuSeconds = used.minus(before).toNanos() / 1e9;
                result.put(name, new ProcessCpu(round(cpuSeconds), round(cpuSeconds / seconds)));
            }
        });
        measured = result;
    }

    /**
     * By process name ({@code kafka}, {@code relay}, {@code session-service}, gateway
     * ids); empty when not measured.
     */
    public Map<String, ProcessCpu> summary() {
        return measured;
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    /**
     * @param cpuSeconds CPU time the process used in the window
     * @param avgCores that over the window's wall time
     */
    public record ProcessCpu(double cpuSeconds, double avgCores) {
    }

}

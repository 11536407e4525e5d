package io.signaling.bench.stats;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;

/**
 * The tool's own CPU use, to show it is not the bottleneck: process CPU time over wall
 * time, in cores, and the machine's load (everything co-located shares the same cores).
 */
public final class CpuMeter {

    private final com.sun.management.OperatingSystemMXBean os;

    private final int cores = Runtime.getRuntime().availableProcessors();

    private long lastCpuNanos;

    private long lastWallNanos;

    private double maxCores;

    private double sumMachineLoad;

    private long machineSamples;

    private double maxMachineLoad;

    private final long startCpuNanos;

    private final long startWallNanos;

    public CpuMeter() {
        OperatingSystemMXBean bean = ManagementFactory.getOperatingSystemMXBean();
        this.os = bean instanceof com.sun.management.OperatingSystemMXBean sun ? sun : null;
        this.startCpuNanos = cpuNanos();
        this.startWallNanos = System.nanoTime();
        this.lastCpuNanos = startCpuNanos;
        this.lastWallNanos = startWallNanos;
    }

    /**
     * Cores the tool used since the previous sample; also folds the machine's load into
     * the summary.
     */
    public synchronized double sample() {
        long cpu = cpuNanos();
        long wall = System.nanoTime();
        double used = wall > lastWallNanos ? (double) (cpu - lastCpuNanos) / (wall - lastWallNanos) : 0;
        lastCpuNanos = cpu;
        lastWallNanos = wall;
        maxCores = Math.max(maxCores, used);
        if (os != null) {
            double machine = os.getCpuLoad();
            if (machine >= 0) {
                sumMachineLoad += machine;
                machineSamples++;
                maxMachineLoad = Math.max(maxMachineLoad, machine);
            }
        }
        return used;
    }

    public synchronized ToolCpu summary() {
        long cpu = cpuNanos() - startCpuNanos;
        long wall = System.nanoTime() - startWallNanos;
        double avgMachine = machineSamples == 0 ? -1 : sumMachineLoad / machineSamples;
        return new ToolCpu(cores, round(cpu / 1e9), round(wall / 1e9), round(wall == 0 ? 0 : (double) cpu / wall),
                round(maxCores), round(avgMachine * cores), round(maxMachineLoad * cores));
    }

    private long cpuNanos() {
        return os == null ? 0 : os.getProcessCpuTime();
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }

    /**
     * @param cpuSeconds CPU time the tool's process used
     * @param avgCores that over the wall time: 1.0 is one core busy all the time
     * @param maxCores the busiest one-second sample
     * @param machineAvgCores the whole machine's average busy cores (broker, services and
     * tool together)
     */
    public record ToolCpu(int machineCores, double cpuSeconds, double wallSeconds, double avgCores, double maxCores,
            double machineAvgCores, double machineMaxCores) {
    }

}

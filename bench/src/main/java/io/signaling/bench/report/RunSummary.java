package io.signaling.bench.report;

import io.signaling.bench.client.ConnectStats;
import io.signaling.bench.stats.CpuMeter;
import io.signaling.bench.stats.ProcessCpuWindow;
import io.signaling.bench.stats.ServiceMetrics;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What every scenario's report has: which run, with which shared settings, on which
 * machine, how the connects went, what the services and the tool itself used. Each
 * scenario's report embeds it; in JSON its fields are at the top level.
 *
 * @param services by public base URL (or management URL for {@code --scrape})
 * @param processes the CPU each process of a platform on this host used in the measured
 * window, by name (read from the operating system; empty for a platform elsewhere)
 * @param notes what a reader of the figures should know (e.g. users that could not
 * connect, the machine's load)
 */
public record RunSummary(String scenario, String runId, Instant startedAt, Settings settings, Machine machine,
        ConnectStats.Summary connect, Map<String, ServiceMetrics.Summary> services,
        Map<String, ProcessCpuWindow.ProcessCpu> processes, CpuMeter.ToolCpu tool, List<String> notes) {

    public RunSummary {
        notes = List.copyOf(notes);
    }

    /**
     * The shared options the run was started with (the scenario's own are its report's).
     */
    public record Settings(String url, int users, double warmupSeconds, double durationSeconds, double drainSeconds,
            int concurrency) {
    }

    public record Machine(int cores, long memoryBytes, String os, String jvm) {

        public static Machine current() {
            long memory = -1;
            if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
                memory = os.getTotalMemorySize();
            }
            return new Machine(Runtime.getRuntime().availableProcessors(), memory,
                    System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                            + System.getProperty("os.arch"),
                    System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        }
    }

}

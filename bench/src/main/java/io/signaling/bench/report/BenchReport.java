package io.signaling.bench.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.signaling.bench.client.ConnectStats;
import io.signaling.bench.stats.CpuMeter;
import io.signaling.bench.stats.Percentiles;
import io.signaling.bench.stats.ServiceMetrics;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Everything one run measured: written as JSON (for tools and for comparing runs) and
 * summarised as Markdown. Sections that a scenario does not produce are left out.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BenchReport(String scenario, String runId, Instant startedAt, Settings settings, Machine machine,
        ConnectStats.Summary connect, Signals signals, Calls calls, Storm storm, Idle idle,
        Map<String, ServiceMetrics.Summary> services, CpuMeter.ToolCpu tool, List<String> notes) {

    /** The options the run was started with. */
    public record Settings(String url, int users, double rate, int messageBytes, double warmupSeconds,
            double durationSeconds, int concurrency, int window, boolean connectOnly) {
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

    /**
     * Signal accounting over the whole run (warm-up included, so nothing sent goes
     * unaccounted); rates and latencies over the measured window only.
     *
     * @param refused answered with an {@code error} frame (never accepted), by code in
     * {@code errors}
     * @param lost sent, not refused, never delivered (after the drain)
     * @param streams sender→recipient streams; {@code crossGatewayStreams} of them cross
     * gateways
     * @param latencyMs one-way: sender's stamp to the recipient's receipt, wall clock
     * @param ackMs send to the gateway's {@code ack} (the signal is in the log)
     * @param pacerLateMaxMs how far the open-loop pacer ever fell behind its schedule
     * (the tool's own lag)
     */
    public record Signals(long sent, long acked, long refused, Map<String, Long> errors, long received, long duplicated,
            long reordered, long lost, double sentPerSecond, double receivedPerSecond, Percentiles latencyMs,
            Percentiles ackMs, int streams, int crossGatewayStreams, double pacerLateMaxMs, double avgMessageBytes) {
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

    /**
     * @param mode {@code connect-open-close} or {@code connect-only}
     * @param cycleMs one whole cycle as the tool saw it
     */
    public record Storm(String mode, long sessions, double sessionsPerSecond, long failed, Percentiles cycleMs) {
    }

    /**
     * @param requested connections asked for
     * @param open still open at the end of the hold
     */
    public record Idle(int requested, long open, long closedEarly, double holdSeconds, long heartbeats,
            Map<String, IdleGateway> gateways) {
    }

    /**
     * @param heapUsedBaselineMb when the tool first saw the gateway (before, or at the
     * start of, connecting)
     * @param bytesPerConnection (heap at the end − baseline) / connections; heap includes
     * garbage
     */
    public record IdleGateway(double connections, double heapUsedBaselineMb, double heapUsedMb, double heapUsedMaxMb,
            double liveDataMb, double heapMaxMb, double bytesPerConnection) {
    }
}

package io.signaling.bench.audit;

import io.signaling.bench.report.BenchReport;
import io.signaling.bench.stats.CpuMeter;
import java.time.Instant;
import java.util.List;

/**
 * The audit replay benchmark's figures.
 *
 * @param writeRecordsPerSecond  how fast the bench could fill the signals topic (producer, acks=all)
 * @param runs                   one entry per replay of the whole history
 */
public record AuditReplayReport(String scenario, Instant startedAt, String bootstrapServers, String topicPrefix,
        long records, int contentBytes, int partitions, double writeSeconds, double writeRecordsPerSecond,
        List<Run> runs, BenchReport.Machine machine, CpuMeter.ToolCpu tool, long maxHeapBytes) {

    /**
     * @param replaySeconds          {@code HistoryReader.replay}: read, decode, sort the whole timeline
     * @param replayRecordsPerSecond entries over that time
     * @param jsonlSeconds           then formatting every entry as {@code --format jsonl} would print it
     * @param endToEndRecordsPerSecond entries over both: what {@code audit replay --format jsonl > /dev/null} does
     */
    public record Run(long entries, double replaySeconds, double replayRecordsPerSecond, double jsonlSeconds,
            long jsonlBytes, double endToEndRecordsPerSecond, double cpuCores) {
    }
}

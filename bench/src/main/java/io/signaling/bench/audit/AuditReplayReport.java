package io.signaling.bench.audit;

import io.signaling.bench.report.RunSummary;
import io.signaling.bench.stats.CpuMeter;
import java.time.Instant;
import java.util.List;

/**
 * The audit replay benchmark's figures.
 *
 * @param writeRecordsPerSecond how fast the bench could fill the signals topic (producer,
 * acks=all)
 * @param runs one entry per replay of the whole history
 */
public record AuditReplayReport(String scenario, Instant startedAt, String bootstrapServers, String topicPrefix,
        long records, int contentBytes, int partitions, double writeSeconds, double writeRecordsPerSecond,
        List<Run> runs, RunSummary.Machine machine, CpuMeter.ToolCpu tool, long maxHeapBytes) {

    /**
     * @param replaySeconds {@code HistoryReader.replay} streaming into nothing: read,
     * decode, merge
     * @param replayRecordsPerSecond entries over that time
     * @param replayCpuCores the tool's CPU over that time, in cores
     * @param endToEndSeconds a second replay printing every entry as
     * {@code --format jsonl} as it streams: what
     * {@code audit replay --format jsonl > /dev/null} does
     * @param jsonlChars the JSONL it printed
     * @param peakBufferedEntries the most entries the merge held at once in either pass:
     * the replay's memory
     */
    public record Run(long entries, double replaySeconds, double replayRecordsPerSecond, double replayCpuCores,
            double endToEndSeconds, long jsonlChars, double endToEndRecordsPerSecond, double endToEndCpuCores,
            long peakBufferedEntries) {
    }
}

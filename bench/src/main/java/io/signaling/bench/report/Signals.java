package io.signaling.bench.report;

import static io.signaling.bench.report.MarkdownTable.fmt;
import static io.signaling.bench.report.MarkdownTable.percentiles;

import io.signaling.bench.stats.Percentiles;
import java.util.Map;

/**
 * Signal accounting of the relay and call-setup scenarios over the whole run (warm-up
 * included, so nothing sent goes unaccounted); rates and latencies over the measured
 * window only.
 *
 * @param refused answered with an {@code error} frame (never accepted), by code in
 * {@code errors}
 * @param lost sent, not refused, never delivered (after the drain)
 * @param streams sender→recipient streams; {@code crossGatewayStreams} of them cross
 * gateways
 * @param latencyMs one-way: sender's stamp to the recipient's receipt, wall clock
 * @param ackMs send to the gateway's {@code ack} (the signal is in the log)
 * @param pacerLateMaxMs how far the open-loop pacer ever fell behind its schedule (the
 * tool's own lag)
 */
public record Signals(long sent, long acked, long refused, Map<String, Long> errors, long received, long duplicated,
        long reordered, long lost, double sentPerSecond, double receivedPerSecond, Percentiles latencyMs,
        Percentiles ackMs, int streams, int crossGatewayStreams, double pacerLateMaxMs, double avgMessageBytes) {

    void addRows(MarkdownTable table) {
        table.row("signals sent / acked / received", sent + " / " + acked + " / " + received);
        table.row("lost / duplicated / reordered", lost + " / " + duplicated + " / " + reordered);
        table.row("refused (error frames)", refused + (errors.isEmpty() ? "" : " " + errors));
        table.row("throughput (measured window)",
                fmt(sentPerSecond) + " sent/s, " + fmt(receivedPerSecond) + " received/s");
        table.row("one-way latency ms", percentiles(latencyMs));
        table.row("ack latency ms", percentiles(ackMs));
        table.row("streams (crossing gateways)", streams + " (" + crossGatewayStreams + ")");
        table.row("average message bytes", fmt(avgMessageBytes));
        table.row("pacer max lateness ms", fmt(pacerLateMaxMs));
    }

}

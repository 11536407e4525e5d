package io.signaling.bench.report;

import static io.signaling.bench.report.MarkdownTable.fmt;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.Locale;
import java.util.Map;

/**
 * {@code bench idle-connections}: many connections held open; what the gateways' heaps
 * hold.
 */
public record IdleConnectionsReport(@JsonUnwrapped RunSummary run, Idle idle) implements ScenarioReport {

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

    @Override
    public String describeLoad() {
        return idle.requested() + " connections held " + fmt(idle.holdSeconds()) + " s";
    }

    @Override
    public void addRows(MarkdownTable table) {
        table.row("idle connections requested / open at end / closed early",
                idle.requested() + " / " + idle.open() + " / " + idle.closedEarly());
        table.row("held for", fmt(idle.holdSeconds()) + " s (" + idle.heartbeats() + " SockJS heartbeats received)");
        for (Map.Entry<String, IdleGateway> e : idle.gateways().entrySet()) {
            IdleGateway g = e.getValue();
            table.row("gateway " + e.getKey(), String.format(Locale.ROOT,
                    "%.0f connections; heap used %.0f MiB (baseline %.0f, max %.0f, live after GC %.0f) of %.0f MiB; %.0f B/connection",
                    g.connections(), g.heapUsedMb(), g.heapUsedBaselineMb(), g.heapUsedMaxMb(), g.liveDataMb(),
                    g.heapMaxMb(), g.bytesPerConnection()));
        }
    }

}

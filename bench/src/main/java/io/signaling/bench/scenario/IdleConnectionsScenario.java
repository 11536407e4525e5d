package io.signaling.bench.scenario;

import io.signaling.bench.client.VirtualUser;
import io.signaling.bench.report.IdleConnectionsReport;
import io.signaling.sockjs.SockJsUrls;
import io.signaling.bench.stats.ServiceMetrics;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ScheduledFuture;
import java.util.stream.Collectors;

/**
 * Opens {@code --users} SockJS connections (each with its session), holds them for
 * {@code --duration} while SockJS heartbeats flow, and reports what the gateways' heaps
 * hold ({@code jvm_memory_used_bytes{area="heap"}} from their
 * {@code /actuator/prometheus}).
 */
final class IdleConnectionsScenario {

    private final ScenarioRun run;

    IdleConnectionsScenario(ScenarioRun run) {
        this.run = run;
    }

    IdleConnectionsReport run() {
        RunSettings s = run.settings();
        List<VirtualUser> users = run.users().create("idle", s.users());
        // A gateway's baseline is taken when it is first seen: after its first session,
        // before most connect.
        Map<URI, ServiceMetrics.Sample> baselines = new java.util.concurrent.ConcurrentHashMap<>();
        ScheduledFuture<?> baselining = run.log().everySecond(seconds -> {
            for (VirtualUser u : users) {
                if (u.gateway() != null) {
                    URI gateway = SockJsUrls.origin(u.gateway());
                    baselines.computeIfAbsent(gateway, g -> run.services().scrape(g));
                }
            }
        });
        List<VirtualUser> connected = run.users().connectAll(users);
        baselining.cancel(false);
        run.measureAfter(Duration.ZERO, s.duration());
        run.log().phase("hold");
        ScheduledFuture<?> progress = run.log().everySecond(seconds -> run.log().line(holding(connected)));
        Waits.untilNanoTime(System.nanoTime() + s.duration().toNanos());
        progress.cancel(false);
        run.services().sample(true);
        long open = connected.stream().filter(u -> u.closeCode() == 0).count();
        long heartbeats = connected.stream().mapToLong(u -> u.connection().heartbeats()).sum();
        Map<String, IdleConnectionsReport.IdleGateway> gateways = new TreeMap<>();
        for (URI gateway : gatewaysOf(connected)) {
            ServiceMetrics.Sample last = run.services().latest(gateway);
            ServiceMetrics.Sample base = baselines.getOrDefault(gateway, run.services().first(gateway));
            ServiceMetrics.Summary summary = run.services().summary().get(gateway.toString());
            if (last == null || summary == null) {
                continue;
            }
            double baseHeap = base == null ? Double.NaN : base.heapUsedBytes();
            gateways.put(gateway.toString(),
                    new IdleConnectionsReport.IdleGateway(last.connections(), mb(baseHeap), mb(last.heapUsedBytes()),
                            summary.heapUsedMaxMb(), mb(last.liveDataBytes()), mb(last.heapMaxBytes()),
                            last.connections() > 0 ? Math.round((last.heapUsedBytes() - baseHeap) / last.connections())
                                    : Double.NaN));
        }
        run.users().closeAll(connected);
        IdleConnectionsReport.Idle idle = new IdleConnectionsReport.Idle(s.users(), open, connected.size() - open,
                s.duration().toMillis() / 1000.0, heartbeats, gateways);
        return new IdleConnectionsReport(run.summary(List.of()), idle);
    }

    private String holding(List<VirtualUser> connected) {
        long open = connected.stream().filter(u -> u.closeCode() == 0).count();
        String heaps = gatewaysOf(connected).stream().map(g -> {
            ServiceMetrics.Sample sample = run.services().latest(g);
            return sample == null ? g + " ?" : String.format(Locale.ROOT, "%s %.0f conns heap %.0f MiB",
                    g.getAuthority(), sample.connections(), sample.heapUsedBytes() / (1024 * 1024));
        }).collect(Collectors.joining(", "));
        return String.format(Locale.ROOT, "open %,d of %,d | %s", open, connected.size(), heaps);
    }

    private static List<URI> gatewaysOf(List<VirtualUser> users) {
        return new ArrayList<>(users.stream()
            .filter(u -> u.gateway() != null)
            .map(u -> SockJsUrls.origin(u.gateway()))
            .collect(Collectors.toCollection(java.util.TreeSet::new)));
    }

    private static double mb(double bytes) {
        return Math.round(bytes / (1024 * 1024) * 100) / 100.0;
    }

}

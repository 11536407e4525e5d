package io.signaling.bench.scenario;

import io.signaling.bench.client.VirtualUser;
import io.signaling.bench.report.BenchReport;
import io.signaling.sockjs.SockJsUrls;
import io.signaling.bench.stats.ServiceMetrics;
import java.net.URI;
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

    private final RunContext ctx;

    IdleConnectionsScenario(RunContext ctx) {
        this.ctx = ctx;
    }

    BenchReport run() {
        BenchSettings s = ctx.settings();
        List<VirtualUser> users = ctx.newUsers("idle", s.users());
        // A gateway's baseline is taken when it is first seen: after its first session,
        // before most connect.
        Map<URI, ServiceMetrics.Sample> baselines = new java.util.concurrent.ConcurrentHashMap<>();
        ScheduledFuture<?> baselining = ctx.everySecond(seconds -> {
            for (VirtualUser u : users) {
                if (u.gateway() != null) {
                    URI gateway = SockJsUrls.origin(u.gateway());
                    baselines.computeIfAbsent(gateway, g -> ctx.services().scrape(g));
                }
            }
        });
        List<VirtualUser> connected = ctx.connectAll(users);
        baselining.cancel(false);
        long startMicros = ctx.clock().micros();
        ctx.window().set(startMicros, startMicros + s.duration().toNanos() / 1000);
        ctx.phase("hold");
        ScheduledFuture<?> progress = ctx.everySecond(seconds -> ctx.progressLine(holding(connected)));
        long endNanos = System.nanoTime() + s.duration().toNanos();
        ctx.awaitCondition(() -> System.nanoTime() >= endNanos, s.duration().plusSeconds(1));
        progress.cancel(false);
        ctx.services().sample(true);
        long open = connected.stream().filter(u -> u.closeCode() == 0).count();
        long heartbeats = connected.stream().mapToLong(u -> u.connection().heartbeats()).sum();
        Map<String, BenchReport.IdleGateway> gateways = new TreeMap<>();
        for (URI gateway : gatewaysOf(connected)) {
            ServiceMetrics.Sample last = ctx.services().latest(gateway);
            ServiceMetrics.Sample base = baselines.getOrDefault(gateway, ctx.services().first(gateway));
            ServiceMetrics.Summary summary = ctx.services().summary().get(gateway.toString());
            if (last == null || summary == null) {
                continue;
            }
            double baseHeap = base == null ? Double.NaN : base.heapUsedBytes();
            gateways.put(gateway.toString(),
                    new BenchReport.IdleGateway(last.connections(), mb(baseHeap), mb(last.heapUsedBytes()),
                            summary.heapUsedMaxMb(), mb(last.liveDataBytes()), mb(last.heapMaxBytes()),
                            last.connections() > 0 ? Math.round((last.heapUsedBytes() - baseHeap) / last.connections())
                                    : Double.NaN));
        }
        ctx.closeAll(connected);
        BenchReport.Idle idle = new BenchReport.Idle(s.users(), open, connected.size() - open,
                s.duration().toMillis() / 1000.0, heartbeats, gateways);
        return new BenchReport(s.scenario().id(), s.runId(), ctx.startedAt(), ctx.reportSettings(),
                BenchReport.Machine.current(), ctx.connector().stats().summary(), null, null, null, idle,
                ctx.services().summary(), ctx.cpu().summary(), ctx.notes());
    }

    private String holding(List<VirtualUser> connected) {
        long open = connected.stream().filter(u -> u.closeCode() == 0).count();
        String heaps = gatewaysOf(connected).stream().map(g -> {
            ServiceMetrics.Sample sample = ctx.services().latest(g);
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

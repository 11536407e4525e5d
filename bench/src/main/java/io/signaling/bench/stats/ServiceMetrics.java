package io.signaling.bench.stats;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;

/**
 * Samples the platform's services through their {@code /actuator/prometheus} every few
 * seconds: heap used, CPU, and a gateway's open connections. Shows where the machine's
 * two cores go while the tool drives it, and answers "how much heap do N idle connections
 * take".
 *
 * <p>
 * Services are known by their public base URL (session-service's, a gateway's origin),
 * and sampled on their management port: the public port serves no actuator. The
 * management port is the public one plus {@code managementPortOffset}, as
 * {@code bin/signaling platform} and the services' own defaults lay them out (8080 →
 * 8180).
 */
public final class ServiceMetrics {

    private static final int CORES = Runtime.getRuntime().availableProcessors();

    private final HttpClient http;

    private final int managementPortOffset;

    private final Set<URI> targets = new CopyOnWriteArraySet<>();

    private final Map<URI, URI> management = new ConcurrentHashMap<>();

    private final Map<URI, Stats> stats = new ConcurrentHashMap<>();

    public ServiceMetrics(HttpClient http, int managementPortOffset) {
        this.http = http;
        this.managementPortOffset = managementPortOffset;
    }

    /**
     * Adds a service by its public base URL ({@code http://host:port}); a no-op when
     * already there.
     */
    public void watch(URI base) {
        watch(base, managementOf(base));
    }

    /**
     * Adds a service by its management URL itself (e.g. the relay's, which has no public
     * port).
     */
    public void watchManagement(URI managementBase) {
        watch(managementBase, managementBase);
    }

    private void watch(URI base, URI managementBase) {
        management.putIfAbsent(base, managementBase);
        if (targets.add(base)) {
            stats.put(base, new Stats());
        }
    }

    private URI managementOf(URI base) {
        int port = base.getPort() > 0 ? base.getPort() : ("https".equals(base.getScheme()) ? 443 : 80);
        return URI.create(base.getScheme() + "://" + base.getHost() + ":" + (port + managementPortOffset));
    }

    /**
     * Scrapes every service once; {@code inWindow} decides whether the CPU sample counts
     * in the averages.
     */
    public void sample(boolean inWindow) {
        for (URI base : targets) {
            Sample sample = scrape(base);
            if (sample != null) {
                stats.get(base).add(sample, inWindow);
            }
        }
    }

    public Sample latest(URI base) {
        Stats s = stats.get(base);
        return s == null ? null : s.last;
    }

    public Sample first(URI base) {
        Stats s = stats.get(base);
        return s == null ? null : s.first;
    }

    public Set<URI> targets() {
        return targets;
    }

    /**
     * One sample of a service known by its public base URL (or watched by its management
     * URL).
     */
    public Sample scrape(URI base) {
        try {
            URI target = management.getOrDefault(base, managementOf(base));
            HttpRequest request = HttpRequest.newBuilder(target.resolve("/actuator/prometheus"))
                .timeout(Duration.ofSeconds(3))
                .GET()
                .build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return null;
            }
            PrometheusText metrics = PrometheusText.parse(response.body());
            return new Sample(metrics.sum("jvm_memory_used_bytes", l -> "heap".equals(l.get("area"))),
                    metrics.sum("jvm_memory_max_bytes", l -> "heap".equals(l.get("area"))),
                    metrics.sum("jvm_gc_live_data_size_bytes"), metrics.sum("process_cpu_usage") * CORES,
                    metrics.sum("signaling_gateway_connections"));
        }
        catch (java.io.IOException e) {
            return null;
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    public Map<String, Summary> summary() {
        Map<String, Summary> out = new TreeMap<>();
        stats.forEach((base, s) -> out.put(base.toString(), s.summary()));
        return out;
    }

    /**
     * @param heapUsedBytes all heap pools, garbage included
     * @param liveDataBytes the old generation after the last collection (Micrometer's
     * {@code jvm.gc.live.data.size})
     * @param cpuCores the process's CPU in cores (Micrometer's {@code process.cpu.usage}
     * times the cores)
     * @param connections {@code signaling.gateway.connections}; NaN for services that are
     * not gateways
     */
    public record Sample(double heapUsedBytes, double heapMaxBytes, double liveDataBytes, double cpuCores,
            double connections) {
    }

    /**
     * Averages are over the measured window; the heap figures are the last sample and the
     * highest.
     */
    public record Summary(double cpuAvgCores, double cpuMaxCores, double heapUsedLastMb, double heapUsedMaxMb,
            double heapMaxMb, double liveDataLastMb, double connectionsLast, double connectionsMax) {
    }

    private static final class Stats {

        private Sample first;

        private Sample last;

        private double cpuSum;

        private long cpuCount;

        private double cpuMax;

        private double heapMax;

        private double connectionsMax;

        synchronized void add(Sample s, boolean inWindow) {
            if (first == null) {
                first = s;
            }
            last = s;
            if (inWindow && !Double.isNaN(s.cpuCores())) {
                cpuSum += s.cpuCores();
                cpuCount++;
                cpuMax = Math.max(cpuMax, s.cpuCores());
            }
            if (!Double.isNaN(s.heapUsedBytes())) {
                heapMax = Math.max(heapMax, s.heapUsedBytes());
            }
            if (!Double.isNaN(s.connections())) {
                connectionsMax = Math.max(connectionsMax, s.connections());
            }
        }

        synchronized Summary summary() {
            if (last == null) {
                return new Summary(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                        Double.NaN);
            }
            return new Summary(round(cpuCount == 0 ? Double.NaN : cpuSum / cpuCount), round(cpuMax),
                    mb(last.heapUsedBytes()), mb(heapMax), mb(last.heapMaxBytes()), mb(last.liveDataBytes()),
                    last.connections(), connectionsMax);
        }

        private static double mb(double bytes) {
            return round(bytes / (1024 * 1024));
        }

        private static double round(double v) {
            return Double.isNaN(v) ? v : Math.round(v * 100) / 100.0;
        }

    }

}

package io.signaling.bench.client;

import io.signaling.bench.stats.LatencyRecorder;
import io.signaling.bench.stats.Percentiles;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * How connecting went: {@code /connect} latency, SockJS open latency (handshake until the
 * {@code o} frame), both together, failures by cause, and how many sessions each gateway
 * got.
 */
public final class ConnectStats {

    private final LatencyRecorder http = new LatencyRecorder();

    private final LatencyRecorder open = new LatencyRecorder();

    private final LatencyRecorder total = new LatencyRecorder();

    private final LongAdder succeeded = new LongAdder();

    private final Map<String, LongAdder> failures = new ConcurrentHashMap<>();

    private final Map<String, LongAdder> byGateway = new ConcurrentHashMap<>();

    void connected(String gateway, long httpMicros, long openMicros, boolean inWindow) {
        http.record(httpMicros, inWindow);
        open.record(openMicros, inWindow);
        total.record(httpMicros + openMicros, inWindow);
        succeeded.increment();
        byGateway.computeIfAbsent(gateway, g -> new LongAdder()).increment();
    }

    /**
     * A /connect that created a session, whose socket was not opened on purpose
     * (connect-only storms).
     */
    void created(String gateway, long httpMicros, boolean inWindow) {
        http.record(httpMicros, inWindow);
        succeeded.increment();
        byGateway.computeIfAbsent(gateway, g -> new LongAdder()).increment();
    }

    void failed(String cause) {
        failures.computeIfAbsent(cause, c -> new LongAdder()).increment();
    }

    public long succeeded() {
        return succeeded.sum();
    }

    public long failed() {
        return failures.values().stream().mapToLong(LongAdder::sum).sum();
    }

    /** The total latency of the last interval (progress line). */
    public Percentiles interval() {
        return Percentiles.ofMicros(total.interval());
    }

    public Summary summary() {
        Map<String, Long> failed = new TreeMap<>();
        failures.forEach((cause, n) -> failed.put(cause, n.sum()));
        Map<String, Long> gateways = new TreeMap<>();
        byGateway.forEach((gateway, n) -> gateways.put(gateway, n.sum()));
        return new Summary(succeeded.sum(), failed, gateways, Percentiles.ofMicros(http.total()),
                Percentiles.ofMicros(open.total()), Percentiles.ofMicros(total.total()));
    }

    /**
     * @param connectMs /connect alone (request until the 201)
     * @param openMs the SockJS websocket handshake until the server's open frame
     * @param totalMs both: what a browser waits before it can signal
     */
    public record Summary(long succeeded, Map<String, Long> failed, Map<String, Long> byGateway, Percentiles connectMs,
            Percentiles openMs, Percentiles totalMs) {
    }

}

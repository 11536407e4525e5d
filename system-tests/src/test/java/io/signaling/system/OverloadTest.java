package io.signaling.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.signaling.sockjs.peer.Inbox.Arrival;
import io.signaling.system.SignalingClient.Via;
import io.signaling.system.Traffic.Outcome;
import io.signaling.system.Traffic.Pair;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;

/**
 * Issue 13, overload (contract §2 Guarantees): offered about three times what it carries
 * for 20 s, the platform acks only what it can deliver in time. Every acked signal is
 * delivered, once, in order, with p99 ≤ 2 s; every other one is refused
 * {@code overloaded} at once, and never delivered; within 5 s after the burst, latency is
 * back to what it was before.
 *
 * <p>
 * "What it carries" is made small on purpose ({@link #CAPACITY}: the relay's reads are
 * throttled, and edge routing is off so that every signal takes the relay), so that three
 * times it is an offer two shared cores make and answer without starving the platform
 * under test; and it is measured, in the same JVM and minute, after a warm-up (a fresh
 * JVM carries a fraction of what it will once its code is compiled): the most it delivers
 * in a second of a flood ({@link #carryingRate}; a closed loop would measure the loop
 * instead). Three times that is then offered open loop (on schedule, whatever the
 * answers), so an overloaded platform cannot slow the offer down, and the test checks
 * afterwards that it was offered at least 2.5 times what it acked meanwhile. Users
 * alternate between two gateways and each signals the next one, so every gateway both
 * takes and delivers.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class OverloadTest {

    private static final int USERS = 40;

    /**
     * Far more than the platform carries ({@link #CAPACITY}), which it must refuse much
     * of.
     */
    private static final double FLOOD = 2_000;

    private static final Duration OFFER = Duration.ofSeconds(20);

    private static final Duration GUARANTEE = Duration.ofSeconds(2);

    private static final Duration REFUSED_WITHIN = Duration.ofMillis(100);

    private static final Duration RECOVERED_WITHIN = Duration.ofSeconds(5);

    private static final String RUN = UUID.randomUUID().toString().substring(0, 6);

    /**
     * The platform's capacity, set on purpose: the relay reads at most 1 KiB of each
     * input partition every 20 ms (a fetch waits that long for more than it may take),
     * and the gateways write each signal in a batch of its own, so the relay takes about
     * two signals per partition per fetch: a few hundred a second over the test's 4
     * partitions, far under what two shared cores do whatever else runs on them.
     * Unconstrained, "three times what it carries" was an offer that itself starved the
     * platform it measured (the load generator and the refusals share the JVM): offered
     * 6,000/s it acked 300/s, and its garbage collector's pauses were the refusals'
     * latency.
     */
    private static final Map<String, Object> CAPACITY = Map.of(
            "spring.kafka.streams.properties.main.consumer.fetch.min.bytes", 10_000_000,
            "spring.kafka.streams.properties.main.consumer.fetch.max.wait.ms", 20,
            "spring.kafka.streams.properties.main.consumer.max.partition.fetch.bytes", 1024,
            "spring.kafka.producer.batch-size", 512,
            // Every signal through the throttled relay: routed at the edge, signals
            // bypass it, and the capacity is then the whole machine's again (a
            // clean-clone run probed 1,498/s, offered 4,495/s from this JVM and acked
            // at p99 1.8 s).
            "signaling.gateway.edge-routing.enabled", false,
            // The per-connection rate limit (200/s) is not what this test is about.
            "signaling.gateway.rate-limit.per-second", 100_000, "signaling.gateway.rate-limit.burst", 100_000);

    private static EmbeddedPlatform embedded;

    private static Platform platform;

    private final Traffic traffic = new Traffic();

    private final List<String> users = new ArrayList<>();

    private final Map<String, Long> sentAt = new ConcurrentHashMap<>();

    private final AtomicInteger sent = new AtomicInteger();

    @BeforeAll
    static void start() {
        embedded = EmbeddedPlatform.start(1, 1, 2, CAPACITY);
        platform = embedded.platform();
    }

    @AfterAll
    static void stop() {
        if (embedded != null) {
            embedded.close();
        }
    }

    @Test
    void offeredThreeTimesWhatItCarriesItDeliversWhatItAcksInTimeAndRefusesTheRestAtOnce() {
        SessionApi api = new SessionApi(platform.sessionUrl());
        for (int i = 0; i < USERS; i++) {
            String user = "u" + i + "-" + RUN;
            traffic.add(user, SignalingClient.open(api.connect(user), Via.RAW_WEBSOCKET));
            users.add(user);
        }

        long baselineStart = System.nanoTime();
        probe(Duration.ofSeconds(3));
        drain();
        Duration normal = max(Duration.ofMillis(250),
                percentile(latencies(baselineStart, System.nanoTime()), 99).multipliedBy(3));

        double carried = carryingRate();
        double offered = 3 * carried;

        long offerStart = System.nanoTime();
        int sentBefore = sent.get();
        openLoop(offered, OFFER);
        long offerEnd = System.nanoTime();
        int offeredCount = sent.get() - sentBefore;
        probe(RECOVERED_WITHIN.plusSeconds(2));
        drain();

        Outcome outcome = traffic.outcome();
        for (Pair pair : pairs()) {
            outcome.assertExactlyOnceInOrder(pair);
            assertThat(outcome.errors(pair).values()).as("%s: refusals are 'overloaded'", pair)
                .allMatch("overloaded"::equals);
            assertThat(outcome.received(pair)).as("%s: a refused signal was never written", pair)
                .doesNotContainAnyElementsOf(outcome.errors(pair).keySet());
        }
        List<Duration> accepted = latencies(offerStart, offerEnd);
        List<Duration> refusals = answers("error", offerStart, offerEnd);
        Duration recovery = recovery(offerEnd, normal);
        Map<String, Double> reasons = new java.util.TreeMap<>();
        for (String reason : List.of("in-flight", "ack-latency", "delivery-age", "append-failed", "log-unreachable")) {
            reasons.put(reason, refusedBy(0, reason) + refusedBy(1, reason));
        }
        double acceptedPerSecond = accepted.size() / seconds(offerEnd - offerStart);
        System.out
            .printf("[overload] carried %.0f/s (most delivered in a second of a flood); offered %.0f/s for %d s: %d sent "
                    + "(%.0f/s), %d acked (%.0f/s: offered %.1f x what it carried meanwhile), %d refused 'overloaded' (%.0f/s); "
                    + "acked signals one-way p50 %d ms, p99 %d ms, max %d ms; "
                    + "refusals answered p50 %d ms, p99 %d ms, max %d ms; normal latency (3 x p99 before, at least "
                    + "250 ms) %d ms, back %d ms after the burst; refusals by the gateways' reason, whole test: %s%n",
                    carried, offered, OFFER.toSeconds(), offeredCount, offeredCount / seconds(offerEnd - offerStart),
                    accepted.size(), acceptedPerSecond,
                    offeredCount / seconds(offerEnd - offerStart) / acceptedPerSecond, refusals.size(),
                    refusals.size() / seconds(offerEnd - offerStart), ms(percentile(accepted, 50)),
                    ms(percentile(accepted, 99)), ms(percentile(accepted, 100)), ms(percentile(refusals, 50)),
                    ms(percentile(refusals, 99)), ms(percentile(refusals, 100)), ms(normal), ms(recovery), reasons);

        assertThat(offeredCount).as("offered on schedule")
            .isGreaterThanOrEqualTo((int) (0.9 * offered * OFFER.toSeconds()));
        assertThat(offeredCount).as("about 3 x what it carried meanwhile")
            .isGreaterThanOrEqualTo((int) (2.5 * accepted.size()));
        assertThat(accepted.size()).as("and it keeps carrying").isGreaterThan(20 * (int) OFFER.toSeconds());
        assertThat(percentile(accepted, 99)).as("p99 of acked signals").isLessThanOrEqualTo(GUARANTEE);
        assertThat(percentile(refusals, 99)).as("p99 of refusals").isLessThanOrEqualTo(REFUSED_WITHIN);
        assertThat(recovery).as("latency back to normal after the burst").isLessThanOrEqualTo(RECOVERED_WITHIN);
    }

    /** Users in a ring, alternating between the gateways: each signals the next. */
    private List<Pair> pairs() {
        List<Pair> pairs = new ArrayList<>();
        for (int i = 0; i < users.size(); i++) {
            pairs.add(new Pair(users.get(i), users.get((i + 1) % users.size())));
        }
        return pairs;
    }

    private void send(int user) {
        String from = users.get(user);
        String to = users.get((user + 1) % users.size());
        long at = System.nanoTime();
        int n = traffic.send(from, to);
        sentAt.put(from + ">" + to + "#" + n, at);
        sent.incrementAndGet();
    }

    /**
     * One signal every 100 ms, on each pair in turn: what a quiet platform's latency is.
     */
    private void probe(Duration during) {
        long end = System.nanoTime() + during.toNanos();
        for (int user = 0; System.nanoTime() < end; user = (user + 1) % users.size()) {
            send(user);
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
        }
    }

    /**
     * What the platform carries, measured: after a warm-up at a rate it takes easily
     * (right after start the services' code is still being compiled and carries a
     * fraction of what it will), it is offered {@link #FLOOD} a second for 6 s, far more
     * than it can take; the most it delivers in any second of that is what it carries.
     * (Deliveries, not acks: the relay is the bottleneck, and admission takes a moment to
     * see it, so the first second acks more than is carried; and not the acks of the
     * whole flood either: the backlog of that first second then holds the rate down for a
     * while, which says more about the flood than about the platform.)
     */
    private double carryingRate() {
        openLoop(300, Duration.ofSeconds(8));
        drain();
        List<long[]> samples = new java.util.concurrent.CopyOnWriteArrayList<>();
        Thread sampler = new Thread(() -> {
            for (int i = 0; i <= 24; i++) {
                samples.add(new long[] { System.nanoTime(), traffic.count(users, "signal") });
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(250));
            }
        });
        sampler.start();
        openLoop(FLOOD, Duration.ofSeconds(6));
        try {
            sampler.join();
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        drain();
        double most = 0;
        for (int i = 0; i + 4 < samples.size(); i++) {
            long[] from = samples.get(i);
            long[] to = samples.get(i + 4);
            most = Math.max(most, (to[1] - from[1]) / seconds(to[0] - from[0]));
        }
        assertThat(most).as("the platform carries something at all").isGreaterThan(20);
        return most;
    }

    /**
     * {@code rate} signals a second on schedule, whatever the answers, over the users in
     * turn, from 4 threads.
     */
    private void openLoop(double rate, Duration during) {
        int threads = 4;
        long start = System.nanoTime();
        List<Thread> pacers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int first = t;
            Thread pacer = new Thread(() -> {
                double perNano = rate / threads / 1e9;
                long mine = 0;
                int user = first;
                for (long now = System.nanoTime(); now - start < during.toNanos(); now = System.nanoTime()) {
                    long due = (long) ((now - start) * perNano);
                    if (mine >= due) {
                        // Parked until this thread's next signal is due, not polling: the
                        // generator shares the cores with the platform it measures.
                        LockSupport.parkNanos(Math.max(1, start + (long) (mine / perNano) + 1 - now));
                        continue;
                    }
                    send(user);
                    mine++;
                    user = (user + threads) % users.size(); // each user is one thread's:
                                                            // its order is that thread's
                }
            }, "overload-pacer-" + t);
            pacer.start();
            pacers.add(pacer);
        }
        for (Thread pacer : pacers) {
            try {
                pacer.join();
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /**
     * Until every signal sent is answered (ack or error) and every acked one is
     * delivered.
     */
    private void drain() {
        await().atMost(Duration.ofSeconds(90))
            .pollInterval(Duration.ofMillis(200))
            .until(() -> traffic.count(users, "ack") + traffic.count(users, "error") >= sent.get()
                    && traffic.count(users, "signal") >= traffic.count(users, "ack"));
    }

    /** Send-to-delivery times of the signals sent within [from, to). */
    private List<Duration> latencies(long from, long to) {
        List<Duration> latencies = new ArrayList<>();
        for (String user : users) {
            for (Arrival arrival : traffic.client(user).arrivals()) {
                JsonNode frame = arrival.frame();
                if ("signal".equals(frame.path("type").asString())) {
                    Long at = sentAt.get(frame.path("from").asString() + ">" + frame.path("id").asString());
                    if (at != null && at >= from && at < to) {
                        latencies.add(Duration.ofNanos(arrival.nanos() - at));
                    }
                }
            }
        }
        latencies.sort(null);
        return latencies;
    }

    /**
     * Send-to-answer times of the {@code type} answers (ack, error) to signals sent
     * within [from, to).
     */
    private List<Duration> answers(String type, long from, long to) {
        List<Duration> times = new ArrayList<>();
        for (String user : users) {
            for (Arrival arrival : traffic.client(user).arrivals()) {
                if (type.equals(arrival.frame().path("type").asString())) {
                    Long at = sentAt.get(user + ">" + arrival.frame().path("id").asString());
                    if (at != null && at >= from && at < to) {
                        times.add(Duration.ofNanos(arrival.nanos() - at));
                    }
                }
            }
        }
        times.sort(null);
        return times;
    }

    /**
     * How long after {@code end} the probes were back to normal: the send time of the
     * first probe from which on every probe was delivered within {@code normal}.
     */
    private Duration recovery(long end, Duration normal) {
        Map<String, Long> delivered = new ConcurrentHashMap<>();
        for (String user : users) {
            for (Arrival arrival : traffic.client(user).arrivals()) {
                if ("signal".equals(arrival.frame().path("type").asString())) {
                    delivered.put(arrival.frame().path("from").asString() + ">" + arrival.frame().path("id").asString(),
                            arrival.nanos());
                }
            }
        }
        long lastBad = end;
        for (Map.Entry<String, Long> probe : sentAt.entrySet()) {
            long at = probe.getValue();
            Long arrived = delivered.get(probe.getKey());
            if (at >= end && (arrived == null || arrived - at > normal.toNanos())) {
                lastBad = Math.max(lastBad, at);
            }
        }
        return Duration.ofNanos(lastBad - end);
    }

    /**
     * A gateway's {@code signaling.gateway.signals.refused} count for one reason, from
     * its Prometheus page.
     */
    private static double refusedBy(int gateway, String reason) {
        String page = new SessionApi(platform.sessionUrl())
            .send(HttpRequest
                .newBuilder(URI.create(platform.gatewayHealthUrl(gateway).replace("/health", "/prometheus")))
                .GET())
            .body()
            .asString();
        String prefix = "signaling_gateway_signals_refused_total{reason=\"" + reason + "\"} ";
        return page.lines()
            .filter(line -> line.startsWith(prefix))
            .mapToDouble(line -> Double.parseDouble(line.substring(prefix.length())))
            .sum();
    }

    private static Duration percentile(List<Duration> sorted, double p) {
        return Traffic.percentile(sorted, p);
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private static long ms(Duration duration) {
        return duration.toMillis();
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

}

package io.signaling.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.signaling.sockjs.peer.Inbox.Arrival;
import io.signaling.system.SignalingClient.Via;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.utils.Utils;

/**
 * Two users who have nothing to do with an attack (issue 11), on the attacked gateway and
 * on the same relay partition as the attacker's target: after (or during) an attack, a
 * signal and its answer must still go round within a second, and every service must still
 * say UP.
 */
final class Bystanders implements AutoCloseable {

    static final Duration ROUND_TRIP_LIMIT = Duration.ofSeconds(1);

    /**
     * The bound for round trips measured *while* an attack runs, on a machine that also
     * carries the attack's own load (the issue measured with it: 5 of 15 round trips over
     * 3 s). It is below the attack platform's write-stall limit, so a round trip that
     * waited for a stuck write fails it.
     */
    static final Duration DURING_ATTACK_LIMIT = Duration.ofSeconds(3);

    private static final AtomicInteger NAMES = new AtomicInteger();

    /** Partitions of the userId-keyed topics, by topic prefix (one platform each). */
    private static final Map<String, Integer> PARTITIONS = new ConcurrentHashMap<>();

    private final SignalingClient alice;

    private final SignalingClient bob;

    private final String aliceId;

    private final String bobId;

    private final AtomicInteger rounds = new AtomicInteger();

    private Bystanders(SignalingClient alice, String aliceId, SignalingClient bob, String bobId) {
        this.alice = alice;
        this.aliceId = aliceId;
        this.bob = bob;
        this.bobId = bobId;
    }

    /** Connects a pair whose userIds share the relay partition of {@code neighbour}. */
    static Bystanders nextTo(Platform platform, String neighbour) {
        return onPartition(platform, partitionOf(platform, neighbour));
    }

    /** Connects a pair whose userIds are on this relay partition, both acked. */
    static Bystanders onPartition(Platform platform, int partition) {
        SessionApi api = new SessionApi(platform.sessionUrl());
        String a = userOn(platform, partition, "bystander-a");
        String b = userOn(platform, partition, "bystander-b");
        SessionApi.Session sa = api.connect(a);
        SessionApi.Session sb = api.connect(b);
        Bystanders pair = new Bystanders(SignalingClient.open(sa, Via.RAW_WEBSOCKET), a,
                SignalingClient.open(sb, Via.RAW_WEBSOCKET), b);
        await().atMost(Duration.ofSeconds(10))
            .until(() -> api.get(a).body().path("acked").asBoolean() && api.get(b).body().path("acked").asBoolean());
        return pair;
    }

    /**
     * Before an attack: every service is UP and a first pair has round-tripped on
     * {@code partition} (the relay's Streams running, every JIT-cold path taken once), so
     * what is measured after the attack is the attack's effect, not a cold start's.
     */
    static void awaitWarm(Platform platform, int partition) {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertServicesUp(platform));
        try (Bystanders first = onPartition(platform, partition)) {
            assertThat(first.roundTrip()).isLessThan(Duration.ofSeconds(10));
        }
    }

    /** Partitions of the platform's userId-keyed topics (signals, sessions, ...). */
    static int partitions(Platform platform) {
        return PARTITIONS.computeIfAbsent(platform.prefix(), prefix -> describePartitions(platform));
    }

    /** The relay partition that owns {@code userId}: Kafka's default partitioner. */
    static int partitionOf(Platform platform, String userId) {
        return Utils.toPositive(Utils.murmur2(userId.getBytes(StandardCharsets.UTF_8))) % partitions(platform);
    }

    /**
     * A fresh userId starting with {@code stem} that the relay decides in
     * {@code partition}.
     */
    static String userOn(Platform platform, int partition, String stem) {
        while (true) {
            String name = stem + "-" + NAMES.incrementAndGet() + "-" + Long.toHexString(System.nanoTime() & 0xfffff);
            if (partitionOf(platform, name) == partition) {
                return name;
            }
        }
    }

    /**
     * Alice signals Bob, Bob answers; the time from Alice's send to the answer's arrival.
     */
    Duration roundTrip() {
        int n = rounds.incrementAndGet();
        String ping = "ping-" + n;
        String pong = "pong-" + n;
        long start = System.nanoTime();
        alice.send(bobId, Map.of("n", n), ping);
        await().pollInterval(Duration.ofMillis(5)).atMost(Duration.ofSeconds(20)).until(() -> bob.count("signal") >= n);
        bob.send(aliceId, Map.of("n", n), pong);
        await().pollInterval(Duration.ofMillis(5))
            .atMost(Duration.ofSeconds(20))
            .until(() -> alice.count("signal") >= n);
        Arrival answer = alice.arrivals()
            .stream()
            .filter(arrival -> pong.equals(arrival.frame().path("id").asString()))
            .findFirst()
            .orElseThrow();
        return Duration.ofNanos(answer.nanos() - start);
    }

    /**
     * A new pair on {@code partition} round-trips within {@link #ROUND_TRIP_LIMIT};
     * returns how long it took.
     */
    static Duration roundTripOn(Platform platform, int partition) {
        try (Bystanders pair = onPartition(platform, partition)) {
            return pair.assertRoundTripWithinLimit();
        }
    }

    /** A round trip within {@link #ROUND_TRIP_LIMIT}; returns how long it took. */
    Duration assertRoundTripWithinLimit() {
        Duration took = roundTrip();
        assertThat(took).as("bystander round trip").isLessThan(ROUND_TRIP_LIMIT);
        return took;
    }

    void assertRoundTripWithinDuringAttackLimit() {
        assertThat(roundTrip()).as("bystander round trip during the attack").isLessThan(DURING_ATTACK_LIMIT);
    }

    /**
     * The relay, the session service and every gateway answer their health check with UP.
     */
    static void assertServicesUp(Platform platform) {
        SessionApi api = new SessionApi(platform.sessionUrl());
        List<String> urls = new ArrayList<>(List.of(platform.sessionHealthUrl(0), platform.relayHealthUrl()));
        for (int i = 0; i < platform.gatewayCount(); i++) {
            urls.add(platform.gatewayHealthUrl(i));
        }
        for (String url : urls) {
            assertThat(api.send(HttpRequest.newBuilder(URI.create(url)).GET()).body().path("status").asString()).as(url)
                .isEqualTo("UP");
        }
    }

    @Override
    public void close() {
        alice.close();
        bob.close();
    }

    private static int describePartitions(Platform platform) {
        try (Admin admin = Admin
            .create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, platform.bootstrapServers()))) {
            String signals = platform.prefix() + ".signals";
            return admin.describeTopics(List.of(signals)).allTopicNames().get().get(signals).partitions().size();
        }
        catch (ExecutionException e) {
            throw new IllegalStateException(e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

}

package io.signaling.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.signaling.system.SessionApi.Session;
import io.signaling.system.SignalingClient.Via;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.utils.Utils;

/**
 * The users an attack must not touch (issue 11): a pair on the attacked gateway whose recipient is
 * on the attacked relay partition, who must still round-trip a signal within a second, while every
 * service stays UP.
 */
final class Bystanders {

    static final Duration ROUND_TRIP_LIMIT = Duration.ofSeconds(1);

    private final Platform platform;
    private final SessionApi api;
    private final int partitions;

    Bystanders(Platform platform) {
        this.platform = platform;
        this.api = new SessionApi(platform.sessionUrl());
        this.partitions = signalPartitions(platform);
    }

    int partitions() {
        return partitions;
    }

    /** The relay partition (signals, sessions, ...) that owns {@code userId}: Kafka's default partitioner. */
    int partitionOf(String userId) {
        return Utils.toPositive(Utils.murmur2(userId.getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    /** A fresh userId starting with {@code name} that the relay decides in {@code partition}. */
    String userOn(String name, int partition) {
        for (int i = 0; i < 10_000; i++) {
            String user = name + "-" + UUID.randomUUID().toString().substring(0, 8);
            if (partitionOf(user) == partition) {
                return user;
            }
        }
        throw new AssertionError("no userId found for partition " + partition);
    }

    /**
     * Connects a new pair on {@code partition} (with one gateway, on the attacked gateway), and sends a
     * signal from each to the other; returns how long from the first send to the answer's arrival,
     * asserted within {@link #ROUND_TRIP_LIMIT}.
     */
    Duration roundTrip(int partition) {
        return roundTrip(partition, ROUND_TRIP_LIMIT);
    }

    private Duration roundTrip(int partition, Duration limit) {
        Session a = api.connect(userOn("bystander-a", partition));
        Session b = api.connect(userOn("bystander-b", partition));
        try (SignalingClient alice = SignalingClient.open(a, Via.RAW_WEBSOCKET);
                SignalingClient bob = SignalingClient.open(b, Via.RAW_WEBSOCKET)) {
            awaitAcked(a.userId());
            awaitAcked(b.userId());
            long start = System.nanoTime();
            alice.send(b.userId(), Map.of("sdp", "offer"), "ping");
            await().atMost(limit).until(() -> bob.count("signal") > 0);
            bob.send(a.userId(), Map.of("sdp", "answer"), "pong");
            await().atMost(limit).until(() -> alice.count("signal") > 0);
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertThat(took).as("bystander round trip").isLessThan(limit);
            assertThat(bob.awaitFrame(SignalingClient.ofType("signal", "ping")).path("from").asString())
                    .isEqualTo(a.userId());
            return took;
        }
    }

    /**
     * Before an attack: every service has started up (the relay's Streams reached RUNNING, ...) and
     * a first pair has round-tripped on {@code partition}, so what is measured after the attack is
     * the attack's effect, not a cold start's.
     */
    void awaitServicesUp(int partition) {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(this::assertServicesUp);
        roundTrip(partition, Duration.ofSeconds(10));
    }

    /** The relay, the session service and every gateway answer health UP. */
    void assertServicesUp() {
        assertUp(platform.sessionUrl() + "/actuator/health");
        assertUp(platform.relayHealthUrl());
        for (int i = 0; i < platform.gatewayCount(); i++) {
            assertUp(platform.gatewayHealthUrl(i));
        }
    }

    private void assertUp(String url) {
        assertThat(api.send(HttpRequest.newBuilder(URI.create(url)).GET()).body().path("status").asString())
                .as(url).isEqualTo("UP");
    }

    private void awaitAcked(String userId) {
        await().atMost(Duration.ofSeconds(5)).until(() -> api.get(userId).body().path("acked").asBoolean());
    }

    private static int signalPartitions(Platform platform) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, platform.bootstrapServers()))) {
            String signals = platform.prefix() + ".signals";
            return admin.describeTopics(java.util.List.of(signals)).allTopicNames().get().get(signals).partitions().size();
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

package io.signaling.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.signaling.system.Traffic.Outcome;
import io.signaling.system.Traffic.Pair;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import kafka.server.BrokerServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 4, broker loss: a three-broker KRaft cluster in this JVM, every topic with
 * replication factor 3 and {@code min.insync.replicas} 2, producers {@code acks=all}. One
 * broker (the leader of a signals partition) is stopped in the middle of the traffic, the
 * traffic goes on, and the broker is started again: no acked signal is lost or
 * duplicated, gateways and relay recover by themselves, and the test reports the longest
 * gap between two deliveries.
 *
 * <p>
 * The cluster is Kafka's own test kit ({@link KafkaClusterTestKit}, what
 * spring-kafka-test's {@code EmbeddedKafkaKraftBroker} wraps) with one dedicated
 * controller and three brokers. {@code new EmbeddedKafkaKraftBroker(3, …)} cannot be used
 * with Kafka 4.1.2: it builds three combined broker+controller nodes, and the raft thread
 * of the follower controllers dies at start ("Received unexpected invalid request error"
 * handling an UpdateRaftVoter response), which leaves no controller quorum. A single
 * controller has no followers, and stopping a broker ({@code BrokerServer.shutdown()}: a
 * controlled shutdown) and starting it again ({@code startup()}, same port) is what
 * Kafka's own cluster tests do.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class BrokerFailoverTest {

    private static final int SIGNALS = 3_000;

    private static final int SENDERS = 10;

    private static final int PER_PAIR = SIGNALS / SENDERS / 2;

    private static final int WINDOW = 100;

    /**
     * 30 s of traffic: the stop (seconds of controlled shutdown) and the time down fall
     * inside it.
     */
    private static final int PER_SECOND = 100;

    private static final String RUN = UUID.randomUUID().toString().substring(0, 6);

    private static KafkaClusterTestKit cluster;

    private static Platform platform;

    @BeforeAll
    static void start() throws Exception {
        cluster = new KafkaClusterTestKit.Builder(
                new TestKitNodes.Builder().setCombined(false).setNumControllerNodes(1).setNumBrokerNodes(3).build())
            .setConfigProp("offsets.topic.replication.factor", "3")
            .setConfigProp("group.initial.rebalance.delay.ms", "0")
            .build();
        cluster.format();
        cluster.startup();
        cluster.waitForReadyBrokers();
        platform = Platform.start(cluster.bootstrapServers(), 1, 1, 2,
                Map.of("signaling.topics.replication-factor", 3, "signaling.topics.min-insync-replicas", 2));
    }

    @AfterAll
    static void stop() throws Exception {
        if (platform != null) {
            platform.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void noAckedSignalIsLostWhenABrokerStopsMidTrafficAndComesBack() throws Exception {
        SessionApi api = new SessionApi(platform.sessionUrl());
        Traffic traffic = new Traffic();
        SenderRing ring = SenderRing.open(api, traffic, SENDERS, RUN);
        List<String> senders = ring.senders();
        List<String> recipients = ring.recipients();
        String signalsTopic = platform.prefix() + ".signals";
        assertThat(describe(Set.of(signalsTopic)).get(signalsTopic).partitions())
            .allSatisfy(p -> assertThat(p.replicas()).hasSize(3));
        int victim = describe(Set.of(signalsTopic)).get(signalsTopic)
            .partitions()
            .stream()
            .filter(p -> p.partition() == 0)
            .findFirst()
            .orElseThrow()
            .leader()
            .id();
        BrokerServer broker = cluster.brokers().get(victim);

        long start = System.nanoTime();
        long stoppedAt;
        long stopTook;
        long startedAt;
        long startTook;
        int deliveredWhileDown;
        // An "overloaded" error (not acked, nothing written) also frees its place in the
        // window.
        try (SenderRing.Sending sending = ring.startSending(PER_PAIR, WINDOW, PER_SECOND, Duration.ofSeconds(90),
                () -> traffic.sent() - traffic.count(recipients, "signal") - traffic.count(senders, "error"))) {
            awaitTraffic(Duration.ofSeconds(60), "a quarter delivered before the stop", traffic, senders, recipients,
                    () -> traffic.count(recipients, "signal") >= SIGNALS / 4);

            stoppedAt = System.nanoTime();
            broker.shutdown();
            stopTook = System.nanoTime() - stoppedAt;
            int deliveredAtStop = traffic.count(recipients, "signal");
            awaitTraffic(Duration.ofSeconds(90), "a quarter delivered while broker " + victim + " is down", traffic,
                    senders, recipients, () -> traffic.count(recipients, "signal") >= deliveredAtStop + SIGNALS / 4);
            deliveredWhileDown = traffic.count(recipients, "signal") - deliveredAtStop;

            startedAt = System.nanoTime();
            broker.startup();
            startTook = System.nanoTime() - startedAt;

            sending.awaitSent(150, TimeUnit.SECONDS);
        }
        awaitTraffic(Duration.ofSeconds(60), "every signal answered and every acked one delivered", traffic, senders,
                recipients, () -> traffic.count(senders, "ack") + traffic.count(senders, "error") >= SIGNALS
                        && traffic.count(recipients, "signal") >= traffic.count(senders, "ack"));
        long end = System.nanoTime();
        await().atMost(Duration.ofSeconds(60)).until(() -> underReplicated(allTopics()) == 0);
        long inSyncAgain = System.nanoTime();

        Outcome outcome = traffic.outcome();
        int acked = traffic.count(senders, "ack");
        int notAccepted = 0;
        for (Pair pair : ring.pairs()) {
            outcome.assertExactlyOnceInOrder(pair);
            assertThat(outcome.errors(pair).values()).as("%s: only 'not accepted, send again'", pair)
                .allMatch("overloaded"::equals);
            notAccepted += outcome.errors(pair).size();
        }

        // Nobody was restarted: the same gateways, relay and clients carry on.
        for (String url : healthUrls()) {
            await().atMost(Duration.ofSeconds(30)).until(() -> "UP".equals(RelayFailoverTest.health(url)));
        }
        int before = traffic.count(recipients, "signal");
        for (int i = 0; i < SENDERS; i++) {
            traffic.send(senders.get(i), recipients.get(i));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> traffic.count(recipients, "signal") >= before + SENDERS);
        assertThat(api.connectForm("after-" + RUN).status()).isEqualTo(201);

        List<Duration> latencies = traffic.latencies(recipients);
        System.out
            .printf("[broker-failover] %d signals, %d acked, %d answered 'overloaded' (not accepted); every acked "
                    + "one delivered exactly once in order%n", SIGNALS, acked, notAccepted);
        System.out.printf(
                "[broker-failover] broker %d (leader of %s-0) stopped in %d ms, %d signals delivered while it "
                        + "was down, started again in %d ms, all replicas in sync %d ms after its start%n",
                victim, signalsTopic, TimeUnit.NANOSECONDS.toMillis(stopTook), deliveredWhileDown,
                TimeUnit.NANOSECONDS.toMillis(startTook), TimeUnit.NANOSECONDS.toMillis(inSyncAgain - startedAt));
        System.out.printf(
                "[broker-failover] longest delivery gap %d ms (from the stop on: %d ms; around the restart: "
                        + "%d ms); latency p50 %d ms, p99 %d ms, max %d ms; total %d ms%n",
                traffic.longestDeliveryGap(recipients, start, end).toMillis(),
                traffic.longestDeliveryGap(recipients, stoppedAt, startedAt).toMillis(),
                traffic.longestDeliveryGap(recipients, startedAt, end).toMillis(),
                Traffic.percentile(latencies, 50).toMillis(), Traffic.percentile(latencies, 99).toMillis(),
                Traffic.percentile(latencies, 100).toMillis(), TimeUnit.NANOSECONDS.toMillis(end - start));
    }

    /**
     * Waits for the traffic to get somewhere; if it does not, says where it stands
     * (counts, open signals, closed connections, services' health, partitions out of
     * sync) so a failure on a CI machine explains itself.
     */
    private static void awaitTraffic(Duration atMost, String what, Traffic traffic, List<String> senders,
            List<String> recipients, Callable<Boolean> condition) {
        try {
            await().atMost(atMost).until(condition);
        }
        catch (ConditionTimeoutException e) {
            String state = "not within " + atMost + ": " + what + "; " + traffic.summary(senders, recipients) + "; "
                    + services() + "; " + partitionsOutOfSync();
            System.out.println("[broker-failover] " + state);
            throw new AssertionError(state, e);
        }
    }

    private static List<String> healthUrls() {
        return List.of(platform.relayHealthUrl(), platform.gatewayHealthUrl(0), platform.gatewayHealthUrl(1),
                platform.sessionHealthUrl(0));
    }

    private static String services() {
        Map<String, String> health = new java.util.TreeMap<>();
        for (String url : healthUrls()) {
            try {
                health.put(url, RelayFailoverTest.health(url));
            }
            catch (RuntimeException e) {
                health.put(url, e.toString());
            }
        }
        return "health " + health;
    }

    private static String partitionsOutOfSync() {
        try {
            return "out of sync " + describe(allTopics()).values()
                .stream()
                .flatMap(t -> t.partitions()
                    .stream()
                    .filter(p -> p.isr().size() < p.replicas().size())
                    .map(p -> t.name() + "-" + p.partition() + " leader " + p.leader() + " isr " + p.isr()))
                .toList();
        }
        catch (Exception e) {
            return "partitions unknown: " + e;
        }
    }

    /** Ours and the relay's changelogs. */
    private static Set<String> allTopics() throws Exception {
        try (Admin admin = Admin
            .create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers()))) {
            return admin.listTopics()
                .names()
                .get(10, TimeUnit.SECONDS)
                .stream()
                .filter(name -> name.startsWith(platform.prefix()))
                .collect(Collectors.toSet());
        }
    }

    private static Map<String, TopicDescription> describe(Collection<String> topics) throws Exception {
        try (Admin admin = Admin
            .create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers()))) {
            return admin.describeTopics(topics).allTopicNames().get(10, TimeUnit.SECONDS);
        }
    }

    private static long underReplicated(Collection<String> topics) throws Exception {
        return describe(topics).values()
            .stream()
            .flatMap(t -> t.partitions().stream())
            .filter((TopicPartitionInfo p) -> p.isr().size() < p.replicas().size())
            .count();
    }

}

package io.signaling.platform.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.signaling.platform.e2e.SignalTraffic.Outcome;
import io.signaling.platform.e2e.SignalTraffic.Pair;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Issue 15, a broker crash: {@code bin/signaling platform --bootstrap-servers} on a
 * cluster of three broker JVMs (every topic replicated three times,
 * {@code min.insync.replicas} 2), and the broker that leads the test users' signals
 * partitions killed with SIGKILL mid-traffic. Deliveries resume within 15 s and no acked
 * signal is lost, duplicated or reordered; signals refused while the partitions had no
 * leader were never acked, and say so.
 */
@Tag("e2e")
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class BrokerKillTest {

    private static final Path ROOT = Path.of(System.getProperty("basedir", ""))
        .toAbsolutePath()
        .normalize()
        .getParent();

    private static final String RUN = UUID.randomUUID().toString().substring(0, 6);

    private static final String SIGNALS = "signaling.signals";

    @TempDir
    static Path dataDir;

    private static BrokerCluster cluster;

    private static Launch platform;

    private static int httpPort;

    private static final List<SockJsPeer> peers = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        cluster = BrokerCluster.start(dataDir.resolve("cluster"), ROOT.resolve("platform/target/kafka-lib"), dataDir);
        httpPort = TestPorts.platformHttpPort(2);
        // Every service reads Spring properties from its environment, which the launcher
        // passes on.
        platform = Launch.start(ROOT,
                Map.of("SIGNALING_TOPICS_REPLICATION_FACTOR", "3", "SIGNALING_TOPICS_MIN_INSYNC_REPLICAS", "2"),
                "platform", "--bootstrap-servers", cluster.bootstrapServers(), "--http-port",
                Integer.toString(httpPort), "--data-dir", dataDir.resolve("platform").toString());
        platform.awaitReady(Duration.ofSeconds(240));
    }

    @AfterAll
    static void stop() throws Exception {
        for (SockJsPeer peer : peers) {
            peer.close();
        }
        if (platform != null && platform.isAlive()) {
            platform.terminate();
            platform.awaitExit(Duration.ofSeconds(120));
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void deliveriesResumeWithinFifteenSecondsOfTheLeadersBrokerBeingKilledAndNoAckedSignalIsLost() throws Exception {
        SessionHttp api = new SessionHttp("http://127.0.0.1:" + httpPort);
        String gateway1 = "http://127.0.0.1:" + (httpPort + 1) + "/ws";
        String gateway2 = "http://127.0.0.1:" + (httpPort + 2) + "/ws";
        Map<String, List<JsonNode>> placed = api.connectOn("k-" + RUN, Map.of(gateway1, 6, gateway2, 6));
        Map<String, SockJsPeer> connected = new TreeMap<>();
        List<String> users = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            for (String gateway : List.of(gateway1, gateway2)) {
                SockJsPeer peer = SockJsPeer.connect(placed.get(gateway).get(i));
                peers.add(peer);
                connected.put(peer.userId(), peer);
                users.add(peer.userId());
            }
        }
        await("sessions acked").atMost(Duration.ofSeconds(30))
            .until(() -> users.stream()
                .allMatch(user -> SessionHttp.get("http://127.0.0.1:" + httpPort + "/sessions/" + user)
                    .body()
                    .contains("\"acked\":true")));
        List<Pair> pairs = SignalTraffic.ring(users);

        try (SignalTraffic traffic = new SignalTraffic(connected, pairs).start(Duration.ofMillis(100));
                Admin admin = Admin.create(Map.of("bootstrap.servers", cluster.bootstrapServers()))) {
            await("signals flowing on every pair").atMost(Duration.ofSeconds(60))
                .until(() -> pairs.stream().allMatch(pair -> traffic.outcome(pair).received().size() >= 5));
            // The broker leading most of these users' signals partitions (signals are
            // keyed by recipient).
            TopicDescription signals = admin.describeTopics(List.of(SIGNALS)).allTopicNames().get().get(SIGNALS);
            Map<Integer, Long> ledByBroker = users.stream()
                .map(user -> signals.partitions().get(KafkaLook.partitionOf(user, signals.partitions().size())))
                .collect(Collectors.groupingBy(p -> p.leader().id(), Collectors.counting()));
            int victim = ledByBroker.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
            List<String> onVictim = users.stream()
                .filter(user -> signals.partitions()
                    .get(KafkaLook.partitionOf(user, signals.partitions().size()))
                    .leader()
                    .id() == victim)
                .toList();

            long killedAt = System.nanoTime();
            cluster.broker(victim).destroyForcibly();

            await("deliveries resumed").atMost(Duration.ofSeconds(180))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    long now = System.nanoTime();
                    return Duration.ofNanos(now - killedAt).compareTo(Duration.ofSeconds(20)) > 0
                            && traffic.longestPause(users, now - Duration.ofSeconds(3).toNanos(), now)
                                .compareTo(Duration.ofSeconds(1)) < 0;
                });
            long stoppedAt = System.nanoTime();
            traffic.stop();
            await("every signal answered and every acked one delivered").atMost(Duration.ofSeconds(120))
                .until(() -> traffic.settled(pairs));

            Map<String, Integer> refusals = new TreeMap<>();
            for (Pair pair : pairs) {
                Outcome outcome = traffic.outcome(pair);
                assertThat(outcome.received()).as("%s: in order, without duplicates", pair)
                    .isSorted()
                    .doesNotHaveDuplicates();
                assertThat(outcome.received()).as("%s: every acked signal delivered", pair)
                    .containsAll(outcome.acked());
                assertThat(outcome.errors().keySet()).as("%s: refused signals were never acked", pair)
                    .doesNotContainAnyElementsOf(outcome.acked());
                outcome.errors().values().forEach(code -> refusals.merge(code, 1, Integer::sum));
            }
            Duration pause = traffic.longestPause(users, killedAt, stoppedAt);
            System.out
                .printf("[kill-9] broker %d of 3 (leader of %d of the %d users' signals partitions): longest pause "
                        + "in deliveries %d ms (to its users %d ms); %d signals sent, %d acked and all delivered once in "
                        + "order, refused %s%n", victim, onVictim.size(), users.size(), pause.toMillis(),
                        traffic.longestPause(onVictim, killedAt, stoppedAt).toMillis(), traffic.sent(),
                        pairs.stream().mapToInt(p -> traffic.outcome(p).acked().size()).sum(), refusals);
            assertThat(pause).as("the longest pause in deliveries").isLessThanOrEqualTo(Duration.ofSeconds(15));
            assertThat(platform.isAlive()).as("the platform keeps running").isTrue();
            Function<Integer, String> health = port -> SessionHttp
                .health("http://127.0.0.1:" + port + "/actuator/health");
            assertThat(
                    List.of(health.apply(httpPort + 100), health.apply(httpPort + 101), health.apply(httpPort + 102)))
                .containsOnly("UP");
        }
    }

}

package io.signaling.platform.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.signaling.platform.e2e.SignalTraffic.Outcome;
import io.signaling.platform.e2e.SignalTraffic.Pair;
import io.signaling.schemas.security.ListeningKeys;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Every kind of process of {@code bin/signaling platform} killed with SIGKILL under
 * traffic, on one platform started as a user starts it (issue 13: the launcher restarts
 * what died; issue 15: a relay or session-service instance of two fails over in seconds).
 * Extra instances are started alone with {@code bin/signaling relay|session-service}, as
 * an operator adds them. The broker's loss comes last (contract §5: it is restarted like
 * the rest), then the platform is stopped.
 */
@Tag("e2e")
@Timeout(value = 20, unit = TimeUnit.MINUTES)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KillNineTest {

    private static final Path ROOT = Path.of(System.getProperty("basedir", ""))
        .toAbsolutePath()
        .normalize()
        .getParent();

    private static final String VERSION = System.getProperty("signaling.version", "0.1.0-SNAPSHOT");

    private static final String RUN = UUID.randomUUID().toString().substring(0, 6);

    private static final Duration TICK = Duration.ofMillis(100);

    private static final String RELAY_GROUP = "signaling-relay";

    private static final String SIGNALS = "signaling.signals";

    private static final int PARTITIONS = 12;

    @TempDir
    static Path dataDir;

    private static final List<Launch> launches = new ArrayList<>();

    private static Launch platform;

    private static int httpPort;

    private static String kafka;

    private static SessionHttp api;

    /** Every connected user's peer, by userId. */
    private static final Map<String, SockJsPeer> PEERS = new ConcurrentHashMap<>();

    /**
     * Every client of this test is 127.0.0.1, like clients behind a load balancer that is
     * not trusted for forwarded addresses: the per-address {@code /connect} limit (20/s)
     * is raised, or the session-service kill would measure the rate limit instead of the
     * survivor.
     */
    private static final Map<String, String> ONE_ADDRESS_MANY_CLIENTS = Map.of(
            "SIGNALING_SESSION_LIMITS_CONNECTRATE_PERSECOND", "100000", "SIGNALING_SESSION_LIMITS_CONNECTRATE_BURST",
            "100000");

    @BeforeAll
    static void startThePlatform() throws Exception {
        httpPort = TestPorts.platformHttpPort(2);
        int kafkaPort = TestPorts.freePortBlock(1);
        kafka = "127.0.0.1:" + kafkaPort;
        platform = launch(ONE_ADDRESS_MANY_CLIENTS, "platform", "--http-port", Integer.toString(httpPort),
                "--kafka-port", Integer.toString(kafkaPort), "--data-dir", dataDir.toString());
        platform.awaitReady(Duration.ofSeconds(180));
        api = new SessionHttp(sessionUrl());
    }

    @AfterAll
    static void stopEverything() throws Exception {
        for (SockJsPeer peer : PEERS.values()) {
            peer.close();
        }
        launches.stream().filter(Launch::isAlive).forEach(Launch::kill);
    }

    @Test
    @Order(1)
    void aKilledGatewayComesBackUnderItsIdAndPortItsSessionsEndAndUsersOnTheOtherGatewayLoseNothing() throws Exception {
        Map<String, List<JsonNode>> placed = api.connectOn("g-" + RUN, Map.of(gateway(1), 6, gateway(2), 3));
        List<String> survivors = connect(placed.get(gateway(1)));
        List<String> victims = connect(placed.get(gateway(2)));
        List<Pair> amongSurvivors = SignalTraffic.ring(survivors);
        List<Pair> toVictims = List.of(new Pair(survivors.get(0), victims.get(0)),
                new Pair(survivors.get(1), victims.get(1)), new Pair(survivors.get(2), victims.get(2)));
        List<Pair> pairs = new ArrayList<>(amongSurvivors);
        pairs.addAll(toVictims);
        Map<String, Long> others = pids("kafka.Kafka", jar("relay-streams"), "--signaling.gateway.id=gateway-1",
                "--server.port=" + httpPort);

        try (SignalTraffic traffic = traffic(pairs)) {
            awaitFlowing(traffic, pairs);
            ProcessHandle gateway2 = platform.child("--signaling.gateway.id=gateway-2");
            long killedAt = System.nanoTime();
            gateway2.destroyForcibly();

            await("the launcher says so").atMost(Duration.ofSeconds(30))
                .until(() -> platform
                    .printed("[platform] gateway-2 exited unexpectedly with code 137 (SIGKILL); restarting it in 1 s"));
            await("the killed gateway's sessions deleted").atMost(Duration.ofSeconds(15).minus(sinceNanos(killedAt)))
                .until(() -> victims.stream().allMatch(victim -> api.sessionStatus(victim) == 404));
            Duration sessionsGone = sinceNanos(killedAt);
            await("gateway-2 up again").atMost(Duration.ofSeconds(180))
                .until(() -> platform.printed("[platform] gateway-2 is up again"));
            Duration back = sinceNanos(killedAt);
            traffic.stop();

            assertThat(platform.isAlive()).as("the platform keeps running").isTrue();
            assertThat(pids("kafka.Kafka", jar("relay-streams"), "--signaling.gateway.id=gateway-1",
                    "--server.port=" + httpPort))
                .as("nothing else was restarted")
                .isEqualTo(others);
            assertThat(platform.child("--signaling.gateway.id=gateway-2").pid()).isNotEqualTo(gateway2.pid());
            assertThat(SessionHttp.health(management(httpPort + 2))).isEqualTo("UP");
            awaitSettled(traffic, amongSurvivors);
            for (Pair pair : amongSurvivors) {
                traffic.outcome(pair).assertNoAckedLoss(pair);
            }
            await("every signal to the killed gateway's users delivered or answered").atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> toVictims.forEach(pair -> assertDeliveredOrAnswered(traffic.outcome(pair), pair)));

            // Back under its id and port: new sessions are bound to it and relay.
            JsonNode newcomer = api.connectOn("g-back-" + RUN, Map.of(gateway(2), 1)).get(gateway(2)).get(0);
            String newUser = connect(List.of(newcomer)).get(0);
            try (SignalTraffic after = traffic(
                    List.of(new Pair(newUser, survivors.get(0)), new Pair(survivors.get(0), newUser)))) {
                awaitFlowing(after, after.pairs());
            }
            System.out.printf(
                    "[kill-9] gateway: %d signals delivered among survivors, every acked one once in order; the killed gateway's "
                            + "sessions gone %d ms after the kill; gateway-2 up again after %d ms%n",
                    amongSurvivors.stream().mapToInt(p -> traffic.outcome(p).received().size()).sum(),
                    sessionsGone.toMillis(), back.toMillis());
        }
    }

    @Test
    @Order(2)
    void aKilledRelayIsRestartedAndEverySignalSentMeanwhileIsDeliveredOnceInOrder() throws Exception {
        List<String> users = crossGatewayUsers("r-" + RUN, 4);
        List<Pair> pairs = SignalTraffic.ring(users);

        try (SignalTraffic traffic = traffic(pairs)) {
            awaitFlowing(traffic, pairs);
            ProcessHandle relay = platform.child(jar("relay-streams"));
            long killedAt = System.nanoTime();
            relay.destroyForcibly();

            await("the launcher says so").atMost(Duration.ofSeconds(30))
                .until(() -> platform
                    .printed("[platform] relay exited unexpectedly with code 137 (SIGKILL); restarting it in 1 s"));
            await("the relay up again").atMost(Duration.ofSeconds(180))
                .until(() -> platform.printed("[platform] relay is up again"));
            Duration back = sinceNanos(killedAt);
            awaitResumed(traffic, users, killedAt);
            long stoppedAt = System.nanoTime();
            traffic.stop();

            assertThat(platform.isAlive()).isTrue();
            awaitSettled(traffic, pairs);
            pairs.forEach(pair -> traffic.outcome(pair).assertNoAckedLoss(pair));
            System.out.printf(
                    "[kill-9] relay (the only instance): up again after %d ms; longest pause in deliveries "
                            + "%d ms; %d signals sent, every acked one delivered once in order%n",
                    back.toMillis(), traffic.longestPause(users, killedAt, stoppedAt).toMillis(), traffic.sent());
        }
    }

    /**
     * Issue 15: one relay instance of two killed; the other takes its tasks from its
     * standby copies.
     */
    @Test
    @Order(3)
    void aKilledRelayInstanceOfTwoPausesDeliveriesOnItsPartitionsForTenSecondsAtMost() throws Exception {
        Launch help = launch(Map.of(), "relay", "--help");
        assertThat(help.awaitExit(Duration.ofSeconds(60))).isZero();
        assertThat(help.stdout()).anyMatch(line -> line.startsWith("Usage: signaling relay"));

        int port = TestPorts.freePortBlock(1);
        Launch second = launch(Map.of(), "relay", "--spring.kafka.bootstrap-servers=" + kafka, "--server.port=" + port,
                "--server.address=127.0.0.1", "--signaling.relay.state-dir=" + dataDir.resolve("relay-b"),
                "--spring.kafka.streams.client-id=relay-b", "--spring.main.banner-mode=off",
                "--logging.file.name=" + dataDir.resolve("logs/relay-b.log"), "--logging.threshold.console=WARN");
        assertThatItIsOneProcessRunningTheService(second, "relay-streams");
        await("the second relay UP").atMost(Duration.ofSeconds(180))
            .until(() -> "UP".equals(SessionHttp.health("http://127.0.0.1:" + port + "/actuator/health")));
        Set<Integer> itsPartitions;
        try (KafkaLook look = new KafkaLook(kafka)) {
            await("both instances own partitions").atMost(Duration.ofSeconds(120))
                .until(() -> look.members(RELAY_GROUP).size() == 2
                        && !look.partitionsOf(RELAY_GROUP, "relay-b", SIGNALS).isEmpty()
                        && look.partitionsOf(RELAY_GROUP, "relay-b", SIGNALS).size() < PARTITIONS);
            itsPartitions = look.partitionsOf(RELAY_GROUP, "relay-b", SIGNALS);
        }
        // Users whose signals the second instance routes (keyed by recipient), and as
        // many it does not.
        List<String> onIt = usersOn("b-" + RUN, itsPartitions, true, 6);
        List<String> onTheOther = usersOn("a-" + RUN, itsPartitions, false, 6);
        List<String> users = new ArrayList<>();
        for (int i = 0; i < onIt.size(); i++) {
            users.add(onIt.get(i));
            users.add(onTheOther.get(i));
        }
        connectByName(users);
        List<Pair> pairs = SignalTraffic.ring(users);

        try (SignalTraffic traffic = traffic(pairs)) {
            awaitFlowing(traffic, pairs);
            await("a few seconds of routing by both instances").during(Duration.ofSeconds(3))
                .atMost(Duration.ofSeconds(30))
                .until(() -> second.isAlive() && flowing(traffic, users));
            try (KafkaLook look = new KafkaLook(kafka)) {
                assertThat(look.partitionsOf(RELAY_GROUP, "relay-b", SIGNALS))
                    .as("its partitions, just before the kill")
                    .isEqualTo(itsPartitions);
            }
            long killedAt = System.nanoTime();
            ProcessHandle.of(second.pid()).orElseThrow().destroyForcibly();
            second.awaitExit(Duration.ofSeconds(30));

            awaitResumed(traffic, onIt, killedAt);
            long stoppedAt = System.nanoTime();
            traffic.stop();
            awaitSettled(traffic, pairs);

            pairs.forEach(pair -> traffic.outcome(pair).assertNoAckedLoss(pair));
            Duration pause = traffic.longestPause(onIt, killedAt, stoppedAt);
            Duration othersPause = traffic.longestPause(onTheOther, killedAt, stoppedAt);
            List<Duration> latencies = traffic.latencies(onIt);
            onIt.forEach(user -> System.out.printf("[kill-9] relay instance of two: %s (partition %d) paused %d ms%n",
                    user, KafkaLook.partitionOf(user, PARTITIONS),
                    traffic.longestPause(List.of(user), killedAt, stoppedAt).toMillis()));
            System.out.printf("[kill-9] relay instance of two: longest pause in deliveries to its %d users %d ms "
                    + "(to the other instance's users %d ms); latency of their signals p50 %d ms, p99 %d ms, max %d ms; "
                    + "%d signals sent, every acked one delivered once in order%n", onIt.size(), pause.toMillis(),
                    othersPause.toMillis(), SignalTraffic.percentile(latencies, 50).toMillis(),
                    SignalTraffic.percentile(latencies, 99).toMillis(),
                    SignalTraffic.percentile(latencies, 100).toMillis(), traffic.sent());
            assertThat(pause).as("the longest pause in deliveries to the killed instance's users")
                .isLessThanOrEqualTo(Duration.ofSeconds(10));
            assertThat(SessionHttp.health("http://127.0.0.1:" + relayManagementPort() + "/actuator/health"))
                .as("the surviving instance")
                .isEqualTo("UP");
        }
    }

    /**
     * Issue 15: two session services behind a client that retries on the other when one
     * fails. One is killed mid-traffic: the other answers every request, and each create
     * that was in flight on the dead one is decided exactly once (the relay decides
     * creates, not the instances).
     */
    @Test
    @Order(4)
    void aKilledSessionServiceOfTwoLeavesTheOtherAnsweringAndAnInFlightCreateIsDecidedOnce() throws Exception {
        int port = TestPorts.platformHttpPort(0);
        Launch second = launch(ONE_ADDRESS_MANY_CLIENTS, "session-service", "--spring.kafka.bootstrap-servers=" + kafka,
                "--server.port=" + port, "--management.server.port=" + (port + TestPorts.MANAGEMENT_OFFSET),
                "--management.server.address=127.0.0.1", "--spring.main.banner-mode=off",
                "--logging.file.name=" + dataDir.resolve("logs/session-service-b.log"),
                "--logging.threshold.console=WARN");
        assertThatItIsOneProcessRunningTheService(second, "session-service");
        await("the second session service UP").atMost(Duration.ofSeconds(180))
            .until(() -> "UP".equals(SessionHttp.health(management(port))));
        SessionHttp first = api;
        SessionHttp other = new SessionHttp("http://127.0.0.1:" + port);

        Map<String, Integer> answeredByFirst = new ConcurrentHashMap<>();
        Map<String, String> keyFromFirst = new ConcurrentHashMap<>();
        Set<String> failedOnTheOther = ConcurrentHashMap.newKeySet();
        AtomicInteger doneOnTheOther = new AtomicInteger();
        AtomicInteger inFlightOnTheOther = new AtomicInteger();
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService clients = Executors.newFixedThreadPool(6);
        for (int t = 0; t < 6; t++) {
            int thread = t;
            clients.submit(() -> {
                for (int k = 0; running.get(); k++) {
                    String userId = "c-" + RUN + "-" + thread + "-" + k;
                    // Like a client behind a load balancer: half to each, the other one
                    // when one fails.
                    if (k % 2 == 1) {
                        inFlightOnTheOther.incrementAndGet();
                        try {
                            other.post(userId);
                            doneOnTheOther.incrementAndGet();
                            continue;
                        }
                        catch (java.io.IOException dead) {
                            failedOnTheOther.add(userId);
                        }
                        finally {
                            inFlightOnTheOther.decrementAndGet();
                        }
                    }
                    HttpResponse<String> answer = first.postUntilTaken(userId);
                    answeredByFirst.put(userId, answer.statusCode());
                    if (answer.statusCode() == 201) {
                        keyFromFirst.put(userId,
                                SockJsPeer.JSON.readTree(answer.body()).path("listeningKey").asString());
                    }
                }
                return null;
            });
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> doneOnTheOther.get() >= 30 && inFlightOnTheOther.get() >= 2);
        ProcessHandle.of(second.pid()).orElseThrow().destroyForcibly();
        long killedAt = System.nanoTime();
        await().atMost(Duration.ofSeconds(60))
            .until(() -> sinceNanos(killedAt).toSeconds() >= 3
                    && answeredByFirst.keySet().containsAll(failedOnTheOther));
        running.set(false);
        clients.shutdown();
        assertThat(clients.awaitTermination(60, TimeUnit.SECONDS)).isTrue();

        assertThat(failedOnTheOther).as("creates that were in flight on (or sent to) the killed instance").isNotEmpty();
        answeredByFirst
            .forEach((userId, status) -> assertThat(status).as("%s: the surviving instance answers as decided", userId)
                .isIn(failedOnTheOther.contains(userId) ? List.of(201, 409) : List.of(201)));
        Map<String, List<JsonNode>> created = sessionCreatedByUser();
        for (String userId : answeredByFirst.keySet()) {
            assertThat(created.getOrDefault(userId, List.of())).as("%s: decided once", userId).hasSize(1);
        }
        int wonByTheDead = 0;
        for (String userId : failedOnTheOther) {
            JsonNode decided = created.get(userId).get(0);
            if (answeredByFirst.get(userId) == 201) {
                assertThat(decided.path("keyHash").asString()).as("%s: the retry's create is the one decided", userId)
                    .isEqualTo(ListeningKeys.hash(keyFromFirst.get(userId)));
            }
            else {
                wonByTheDead++;
                assertThat(api.sessionStatus(userId)).as("%s: the dead instance's create won and stands", userId)
                    .isEqualTo(200);
            }
        }
        System.out.printf(
                "[kill-9] session-service of two: %d /connect answered by the survivor (%d of them retries "
                        + "after the other failed; %d of those had been decided on the dead one: 409)%n",
                answeredByFirst.size(), failedOnTheOther.size(), wonByTheDead);
    }

    /**
     * Contract §5 and issue 16: the platform's own single broker killed with SIGKILL
     * mid-traffic is restarted like any child, on the same port and data dir; the
     * services reconnect without being restarted; no acked signal is lost, duplicated or
     * reordered, and nothing refused meanwhile was delivered. The pause users see is
     * printed (docs/operations.md). Last, a signal stops the platform and leaves nothing
     * running.
     */
    @Test
    @Order(5)
    void aKilledBrokerIsRestartedOnItsPortAndDataAndNoAckedSignalIsLostOrReordered() throws Exception {
        List<String> users = crossGatewayUsers("k-" + RUN, 4);
        List<Pair> pairs = SignalTraffic.ring(users);
        Map<String, Long> services = pids(jar("relay-streams"), "--signaling.gateway.id=gateway-1",
                "--signaling.gateway.id=gateway-2", "--server.port=" + httpPort);

        try (SignalTraffic traffic = traffic(pairs)) {
            awaitFlowing(traffic, pairs);
            ProcessHandle broker = platform.child("kafka.Kafka");
            List<String> itsCommandLine = broker.info().arguments().map(List::of).orElseThrow();
            long killedAt = System.nanoTime();
            broker.destroyForcibly();

            await("the launcher says so").atMost(Duration.ofSeconds(30))
                .until(() -> platform
                    .printed("[platform] kafka exited unexpectedly with code 137 (SIGKILL); restarting it in 1 s"));
            await("kafka up again").atMost(Duration.ofSeconds(180))
                .until(() -> platform.printed("[platform] kafka is up again"));
            Duration back = sinceNanos(killedAt);
            Instant upAgainAt = Instant.now();
            try {
                awaitResumed(traffic, users, killedAt);
            }
            catch (AssertionError stalled) {
                throw new AssertionError(stalled.getMessage() + "\n" + firstHeartbeatsAfter(upAgainAt),
                        stalled.getCause());
            }
            long stoppedAt = System.nanoTime();
            traffic.stop();
            awaitSettled(traffic, pairs);

            ProcessHandle restarted = platform.child("kafka.Kafka");
            assertThat(restarted.pid()).isNotEqualTo(broker.pid());
            assertThat(restarted.info().arguments().map(List::of).orElseThrow())
                .as("the same command line: its server.properties (port, data dir)")
                .isEqualTo(itsCommandLine);
            assertThat(platform.isAlive()).as("the platform keeps running").isTrue();
            assertThat(pids(jar("relay-streams"), "--signaling.gateway.id=gateway-1",
                    "--signaling.gateway.id=gateway-2", "--server.port=" + httpPort))
                .as("the services reconnected, none was restarted")
                .isEqualTo(services);
            Map<String, Integer> refusals = new TreeMap<>();
            int acked = 0;
            for (Pair pair : pairs) {
                Outcome outcome = traffic.outcome(pair);
                assertThat(outcome.received()).as("%s: in order, without duplicates", pair)
                    .isSorted()
                    .doesNotHaveDuplicates();
                assertThat(outcome.received()).as("%s: every acked signal delivered", pair)
                    .containsAll(outcome.acked());
                assertThat(outcome.errors().keySet())
                    .as("%s: refused signals were neither acked nor delivered (answered %s)", pair, outcome.errors())
                    .doesNotContainAnyElementsOf(outcome.acked())
                    .doesNotContainAnyElementsOf(outcome.received());
                outcome.errors().values().forEach(code -> refusals.merge(code, 1, Integer::sum));
                acked += outcome.acked().size();
            }
            assertThat(refusals.keySet()).as("what a client is told while the broker is down").isSubsetOf("overloaded");

            // The services work with the new broker: a new session is created, bound
            // and relays. A gateway that delivered the signals held during the outage
            // sees them late and takes no new session until that age has fallen
            // (admission control): connectOn asks again until it does.
            JsonNode newcomer = api.connectOn("k-back-" + RUN, Map.of(gateway(1), 1)).get(gateway(1)).get(0);
            String newUser = connect(List.of(newcomer)).get(0);
            try (SignalTraffic after = traffic(
                    List.of(new Pair(newUser, users.get(1)), new Pair(users.get(1), newUser)))) {
                awaitFlowing(after, after.pairs());
            }
            System.out.printf(
                    "[kill-9] broker (the only one): up again after %d ms; longest pause in deliveries %d ms; "
                            + "%d signals sent, %d acked and all delivered once in order, refused %s; %s%n",
                    back.toMillis(), traffic.longestPause(users, killedAt, stoppedAt).toMillis(), traffic.sent(), acked,
                    refusals, firstHeartbeatsAfter(upAgainAt));
        }

        Set<ProcessHandle> children = platform.descendants();
        platform.terminate();
        assertThat(platform.awaitExit(Duration.ofSeconds(120))).as("the exit code of SIGTERM").isEqualTo(143);
        await("every child gone").atMost(Duration.ofSeconds(30))
            .until(() -> children.stream().noneMatch(ProcessHandle::isAlive));
    }

    // ---- helpers
    // ---------------------------------------------------------------------------------

    private static Launch launch(Map<String, String> environment, String... args) {
        Launch launch = Launch.start(ROOT, environment, args);
        launches.add(launch);
        return launch;
    }

    private static String sessionUrl() {
        return "http://127.0.0.1:" + httpPort;
    }

    /** Gateway {@code n}'s listening address (1-based). */
    private static String gateway(int n) {
        return "http://127.0.0.1:" + (httpPort + n) + "/ws";
    }

    /** The health URL of the service whose public port is {@code port}. */
    private static String management(int port) {
        return "http://127.0.0.1:" + (port + TestPorts.MANAGEMENT_OFFSET) + "/actuator/health";
    }

    /**
     * The launcher's relay has no public port; the launcher says where its management
     * port is.
     */
    private static int relayManagementPort() {
        java.util.regex.Pattern pattern = java.util.regex.Pattern
            .compile("starting relay \\(management port (\\d+)\\)");
        return platform.stdout()
            .stream()
            .map(pattern::matcher)
            .filter(java.util.regex.Matcher::find)
            .map(m -> Integer.parseInt(m.group(1)))
            .findFirst()
            .orElseThrow();
    }

    private static String jar(String module) {
        return ROOT.resolve(module).resolve("target").resolve(module + "-" + VERSION + "-exec.jar").toString();
    }

    private static Map<String, Long> pids(String... arguments) {
        Map<String, Long> pids = new LinkedHashMap<>();
        for (String argument : arguments) {
            pids.put(argument, platform.child(argument).pid());
        }
        return pids;
    }

    /**
     * {@code bin/signaling <service>} became the service's JVM: the pid a supervisor
     * started is the service.
     */
    private static void assertThatItIsOneProcessRunningTheService(Launch launch, String module) {
        await().atMost(Duration.ofSeconds(30))
            .until(() -> launch.info().arguments().map(List::of).orElse(List.of()).contains(jar(module)));
        assertThat(launch.info().command()).get().asString().endsWith("java");
        assertThat(launch.descendants()).as("no second JVM under it")
            .noneMatch(h -> h.info().command().orElse("").endsWith("java"));
    }

    /**
     * Opens a SockJS connection for each session and waits until each is acked; returns
     * the userIds.
     */
    private static List<String> connect(List<JsonNode> sessions) throws Exception {
        List<String> userIds = new ArrayList<>();
        for (JsonNode session : sessions) {
            SockJsPeer peer = SockJsPeer.connect(session);
            PEERS.put(peer.userId(), peer);
            userIds.add(peer.userId());
        }
        await("sessions acked").atMost(Duration.ofSeconds(30))
            .until(() -> userIds.stream()
                .allMatch(
                        user -> SessionHttp.get(sessionUrl() + "/sessions/" + user).body().contains("\"acked\":true")));
        return userIds;
    }

    private static void connectByName(List<String> userIds) throws Exception {
        List<JsonNode> sessions = new ArrayList<>();
        for (String userId : userIds) {
            sessions.add(api.connect(userId));
        }
        connect(sessions);
    }

    /**
     * {@code perGateway} users on each gateway, interleaved so that consecutive users are
     * on different gateways.
     */
    private static List<String> crossGatewayUsers(String prefix, int perGateway) throws Exception {
        Map<String, List<JsonNode>> placed = api.connectOn(prefix,
                Map.of(gateway(1), perGateway, gateway(2), perGateway));
        List<String> one = connect(placed.get(gateway(1)));
        List<String> two = connect(placed.get(gateway(2)));
        List<String> users = new ArrayList<>();
        for (int i = 0; i < perGateway; i++) {
            users.add(one.get(i));
            users.add(two.get(i));
        }
        return users;
    }

    /**
     * {@code count} userIds whose signals partition is (or is not) in {@code partitions}.
     */
    private static List<String> usersOn(String prefix, Set<Integer> partitions, boolean inside, int count) {
        List<String> users = new ArrayList<>();
        for (int i = 0; users.size() < count; i++) {
            String userId = prefix + "-" + i;
            if (partitions.contains(KafkaLook.partitionOf(userId, PARTITIONS)) == inside) {
                users.add(userId);
            }
        }
        return users;
    }

    private static SignalTraffic traffic(List<Pair> pairs) {
        Map<String, SockJsPeer> involved = new HashMap<>();
        pairs.forEach(pair -> {
            involved.put(pair.from(), PEERS.get(pair.from()));
            involved.put(pair.to(), PEERS.get(pair.to()));
        });
        return new SignalTraffic(involved, pairs).start(TICK);
    }

    /** Every pair has delivered a few signals: the platform routes them now. */
    private static void awaitFlowing(SignalTraffic traffic, Collection<Pair> pairs) {
        await("signals flowing on every pair").atMost(Duration.ofSeconds(60))
            .until(() -> pairs.stream().allMatch(pair -> traffic.outcome(pair).received().size() >= 5));
    }

    /**
     * Deliveries to these users run again: no pause over a second in the last three
     * seconds, and at least 15 s after the kill, so that a pause of up to 10 s right
     * after it lies wholly inside the measured window (the first moments after a kill
     * still deliver what was under way).
     */
    private static void awaitResumed(SignalTraffic traffic, Collection<String> users, long killedAt) {
        try {
            await("deliveries resumed").atMost(Duration.ofSeconds(180))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> sinceNanos(killedAt).compareTo(Duration.ofSeconds(15)) > 0 && flowing(traffic, users));
        }
        catch (ConditionTimeoutException stalled) {
            throw new AssertionError("deliveries did not resume within 180 s:" + traffic.diagnosis(traffic.pairs())
                    + "\nthe services' last warnings:\n" + lastWarnings(40), stalled);
        }
    }

    /**
     * The platform's last warnings and errors, without the Kafka clients' reconnect
     * attempts: what a stalled test's message needs (CI shows little of the output).
     */
    private static String lastWarnings(int count) {
        List<String> warnings = platform.stdout()
            .stream()
            .filter(line -> line.contains(" WARN ") || line.contains(" ERROR "))
            .filter(line -> !line.contains("NetworkClient"))
            .toList();
        return String.join("\n", warnings.subList(Math.max(0, warnings.size() - count), warnings.size()));
    }

    private static boolean flowing(SignalTraffic traffic, Collection<String> users) {
        long now = System.nanoTime();
        return traffic.longestPause(users, now - Duration.ofSeconds(3).toNanos(), now)
            .compareTo(Duration.ofSeconds(1)) < 0;
    }

    private static void awaitSettled(SignalTraffic traffic, Collection<Pair> pairs) {
        await().atMost(Duration.ofSeconds(90))
            .alias("every signal answered and every acked one delivered")
            .until(() -> traffic.settled(pairs));
    }

    /**
     * Acked signals to a user whose gateway died: each delivered once, or answered
     * recipient-unavailable.
     */
    private static void assertDeliveredOrAnswered(Outcome outcome, Pair pair) {
        assertThat(outcome.received()).as("%s: delivered without duplicates, in order", pair)
            .doesNotHaveDuplicates()
            .isSorted();
        for (int n : outcome.acked()) {
            assertThat(outcome.received().contains(n) || "recipient-unavailable".equals(outcome.errors().get(n)))
                .as("%s #%d delivered or answered recipient-unavailable", pair, n)
                .isTrue();
        }
    }

    /**
     * When each gateway's first heartbeat written after {@code since} was sent, from the
     * gateways topic: the relay ends a gateway's sessions when it hears another for a
     * gateway timeout (10 s) without hearing this one, so the spread between them is the
     * margin a restarted broker leaves (docs/operations.md, "The local platform's only
     * broker crashed").
     */
    private static String firstHeartbeatsAfter(Instant since) {
        try (KafkaLook look = new KafkaLook(kafka)) {
            Map<String, Instant> first = new TreeMap<>();
            for (ConsumerRecord<String, String> record : look.readAll("signaling.gateways")) {
                if (record.value() == null) {
                    continue;
                }
                JsonNode at = SockJsPeer.JSON.readTree(record.value()).path("at");
                Instant sent = at.isNumber() ? Instant.ofEpochMilli((long) (at.asDouble() * 1000))
                        : Instant.parse(at.asString());
                if (sent.isAfter(since)) {
                    first.merge(record.key(), sent, (a, b) -> a.isBefore(b) ? a : b);
                }
            }
            return "first heartbeats after the restart: " + first.entrySet()
                .stream()
                .map(e -> e.getKey() + " +" + Duration.between(since, e.getValue()).toMillis() + " ms")
                .collect(Collectors.joining(", "));
        }
        catch (RuntimeException e) {
            return "first heartbeats after the restart: not read (" + e + ")";
        }
    }

    /** session-created events in the log, by userId. */
    private static Map<String, List<JsonNode>> sessionCreatedByUser() {
        try (KafkaLook look = new KafkaLook(kafka)) {
            return look.readAll("signaling.session-events")
                .stream()
                .map(ConsumerRecord::value)
                .map(SockJsPeer.JSON::readTree)
                .filter(event -> "session-created".equals(event.path("type").asString()))
                .collect(Collectors.groupingBy(event -> event.path("userId").asString()));
        }
    }

    private static Duration sinceNanos(long nanos) {
        return Duration.ofNanos(System.nanoTime() - nanos);
    }

}

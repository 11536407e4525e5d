package io.signaling.platform.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The launcher end to end, as a user runs it: {@code bin/signaling platform} with a real broker and
 * every service as child processes. Runs after {@code package} (surefire's e2e execution), when
 * this module's exec jar exists; the reactor has built the service jars before.
 */
@Tag("e2e")
@Timeout(900)
class PlatformProcessTest {

    private static final Path ROOT = Path.of(System.getProperty("basedir", "")).toAbsolutePath().normalize().getParent();
    private static final String VERSION = System.getProperty("signaling.version", "0.1.0-SNAPSHOT");
    private static final Duration READY = Duration.ofSeconds(120);
    private static final String MARKER = "signaling.platform.data-dir=";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<Launch> launches = new ArrayList<>();

    @TempDir
    Path dataDir;

    @TempDir
    Path benchReports;

    @BeforeAll
    static void everyJarIsBuilt() {
        for (String module : List.of("relay-streams", "session-service", "gateway", "platform")) {
            assertThat(ROOT.resolve(module).resolve("target").resolve(module + "-" + VERSION + "-exec.jar"))
                    .as("the %s jar; the reactor builds it before this test: ./mvnw -DskipTests install", module)
                    .isRegularFile();
        }
        assertThat(ROOT.resolve("platform/target/kafka-lib")).isDirectory();
    }

    @AfterEach
    void noLauncherOutlivesItsTest() {
        launches.stream().filter(Launch::isAlive).forEach(Launch::kill);
    }

    @Test
    void runsThePlatformRelaysASignalAcrossGatewaysStopsCleanlyAndKeepsTheLogAcrossARestart() throws Exception {
        int httpPort = TestPorts.platformHttpPort(2);
        int kafkaPort = TestPorts.freePortBlock(1);
        String[] args = {"platform", "--http-port", Integer.toString(httpPort), "--kafka-port", Integer.toString(kafkaPort),
            "--data-dir", dataDir.toString()};
        String sessionUrl = "http://127.0.0.1:" + httpPort;
        List<String> gateways = List.of("http://127.0.0.1:" + (httpPort + 1) + "/ws", "http://127.0.0.1:" + (httpPort + 2) + "/ws");

        Launch first = launch(args);
        String ready = first.awaitReady(READY);

        assertThat(ready).contains(sessionUrl, "POST " + sessionUrl + "/connect", gateways.get(0), gateways.get(1),
                "kafka: 127.0.0.1:" + kafkaPort);
        String sessionManagement = "http://127.0.0.1:" + (httpPort + TestPorts.MANAGEMENT_OFFSET);
        assertThat(get(sessionManagement + "/actuator/health").path("status").asString()).isEqualTo("UP");
        assertThat(SessionHttp.health(sessionUrl + "/actuator/health")).as("contract §5: health on the public port")
                .isEqualTo("UP");
        assertThat(SessionHttp.get(sessionUrl + "/actuator/prometheus").statusCode()).as("no metrics on the public port")
                .isEqualTo(404);

        theTerminalShowsThePlatformsLinesAndWarningsAndTheLogsHoldTheRest(first);

        Map<String, JsonNode> byGateway = sessionsOnEveryGateway(sessionUrl, gateways.size());
        assertThat(byGateway.keySet()).containsExactlyInAnyOrderElementsOf(gateways);
        JsonNode alice = byGateway.get(gateways.get(0));
        JsonNode bob = byGateway.get(gateways.get(1));
        String marker = "v=0 o=- " + UUID.randomUUID();
        try (SockJsPeer aliceSocket = SockJsPeer.connect(alice); SockJsPeer bobSocket = SockJsPeer.connect(bob)) {
            String bobId = bob.path("userId").asString();
            await("bob's session acked").atMost(Duration.ofSeconds(30))
                    .until(() -> get(sessionUrl + "/sessions/" + bobId).path("acked").asBoolean(false));
            aliceSocket.send("{\"to\":\"" + bobId + "\",\"id\":\"offer-1\",\"content\":{\"sdp\":\"" + marker + "\"}}");

            await("alice's ack").atMost(Duration.ofSeconds(30)).until(() -> aliceSocket.frames().stream()
                    .anyMatch(f -> "ack".equals(f.path("type").asString()) && "offer-1".equals(f.path("id").asString())));
            await("bob's delivery").atMost(Duration.ofSeconds(30)).until(() -> bobSocket.frames().stream()
                    .anyMatch(f -> "signal".equals(f.path("type").asString())
                            && alice.path("userId").asString().equals(f.path("from").asString())
                            && marker.equals(f.path("content").path("sdp").asString())));
        }

        benchRunsEveryScenarioAgainstThePlatform(sessionUrl);

        Set<ProcessHandle> children = first.descendants();
        assertThat(javaProcesses(children)).as("kafka, relay, session-service and two gateways").hasSizeGreaterThanOrEqualTo(5);
        first.terminate();

        assertThat(first.awaitExit(Duration.ofSeconds(180))).as("the exit code of SIGTERM").isEqualTo(143);
        await("every child gone").atMost(Duration.ofSeconds(30)).until(() -> children.stream().noneMatch(ProcessHandle::isAlive));
        assertThat(platformProcesses()).isEmpty();
        assertThat(first.stdout().stream().filter(l -> l.startsWith("[platform] stopping ")).map(l -> l.substring(20)))
                .containsExactly("gateway-2", "gateway-1", "session", "relay", "kafka");

        Launch second = launch(args);
        second.awaitReady(READY);

        assertThat(signalsInTheLog(kafkaPort)).anyMatch(value -> value.contains(marker));
        Set<ProcessHandle> secondChildren = second.descendants();
        second.terminate();
        second.awaitExit(Duration.ofSeconds(180));
        await("every child gone").atMost(Duration.ofSeconds(30))
                .until(() -> secondChildren.stream().noneMatch(ProcessHandle::isAlive));
        assertThat(platformProcesses()).isEmpty();
    }

    /**
     * Issue 13: ~2,900 lines in the first 40 s were every service's Kafka client INFO. Now the
     * terminal has the platform's lines, the ready line and warnings or errors; each component's
     * whole log is in {@code <data-dir>/logs}, and their temporary files and the relay's state are
     * under the data dir.
     */
    private void theTerminalShowsThePlatformsLinesAndWarningsAndTheLogsHoldTheRest(Launch launch) throws IOException {
        List<String> terminal = launch.stdout();
        assertThat(terminal).as("the terminal up to the ready line").hasSizeLessThan(60);
        assertThat(terminal).filteredOn(line -> INFO_LINE.matcher(line).find()).as("services' INFO lines").isEmpty();
        for (String component : List.of("kafka", "relay", "session-service", "gateway-1", "gateway-2")) {
            Path log = dataDir.resolve("logs").resolve(component + ".log");
            assertThat(log).as("the full log of %s", component).isRegularFile();
            assertThat(Files.readAllLines(log)).as("%s's INFO lines are in its log", component)
                    .anyMatch(line -> line.contains("INFO"));
        }
        assertThat(dataDir.resolve("relay")).as("the relay's Streams state").isDirectoryContaining(p -> true);
        assertThat(dataDir.resolve("tmp")).as("the services' temporary files").isDirectoryContaining(p -> true);
    }

    /** A Spring Boot console line below WARN, under a service's prefix. */
    private static final java.util.regex.Pattern INFO_LINE =
            java.util.regex.Pattern.compile("^\\[(relay|session|gateway-\\d+)] \\S+\\s+(INFO|DEBUG|TRACE) ");

    /**
     * {@code bin/signaling bench}, each scenario small and short, against the platform just
     * started: it exits 0, writes its report, and the report says what a user of the tool reads.
     */
    private void benchRunsEveryScenarioAgainstThePlatform(String sessionUrl) throws IOException {
        JsonNode relay = bench(sessionUrl, "relay", "--users", "8", "--rate", "200", "--duration", "3s").path("signals");
        assertThat(relay.path("sent").asLong()).isPositive();
        assertThat(relay.path("received").asLong()).isEqualTo(relay.path("sent").asLong() - relay.path("refused").asLong());
        assertThat(List.of(relay.path("lost").asLong(), relay.path("duplicated").asLong(), relay.path("reordered").asLong()))
                .containsOnly(0L);
        assertThat(relay.path("crossGatewayStreams").asInt()).as("users paired across the gateways").isPositive();
        assertThat(relay.path("latencyMs").path("count").asLong()).isPositive();

        JsonNode calls = bench(sessionUrl, "call-setup", "--users", "8", "--rate", "4", "--duration", "3s").path("calls");
        assertThat(calls.path("completed").asLong()).isPositive();
        assertThat(calls.path("failed").asLong()).isZero();
        assertThat(calls.path("setupMs").path("p99").asDouble()).isPositive();

        JsonNode storm = bench(sessionUrl, "connect-storm", "--concurrency", "4", "--duration", "3s").path("storm");
        assertThat(storm.path("sessions").asLong()).isPositive();
        assertThat(storm.path("failed").asLong()).isZero();

        JsonNode idle = bench(sessionUrl, "idle-connections", "--users", "40", "--concurrency", "10", "--duration", "2s")
                .path("idle");
        assertThat(idle.path("open").asLong()).isEqualTo(40);
        assertThat(idle.path("gateways").size()).as("both gateways sampled for their heap").isEqualTo(2);
    }

    private JsonNode bench(String sessionUrl, String scenario, String... options) throws IOException {
        Path reports = Files.createDirectories(benchReports.resolve(scenario));
        // A long drain: it ends as soon as every signal is in, and a freshly started platform on a busy
        // CI machine may still be compiling its hot paths.
        List<String> args = new ArrayList<>(List.of("bench", "--url", sessionUrl, "--scenario", scenario,
                "--warmup", "1s", "--drain", "60s", "--timeout", "30s", "--report-dir", reports.toString()));
        args.addAll(List.of(options));
        Launch bench = launch(args.toArray(String[]::new));

        assertThat(bench.awaitExit(Duration.ofSeconds(180))).as("bench %s: %s", scenario, bench.stderr()).isZero();
        assertThat(bench.stdout()).anyMatch(line -> line.startsWith("report: "));
        try (Stream<Path> files = Files.list(reports)) {
            Path json = files.filter(file -> file.toString().endsWith(".json")).findFirst().orElseThrow();
            return SockJsPeer.JSON.readTree(Files.readString(json));
        }
    }

    @Test
    void aTakenPortIsOneErrorLineAndStartsNothing() throws IOException {
        int kafkaPort = TestPorts.freePortBlock(1);
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(TestPorts.platformHttpPort(2)));
            int port = taken.getLocalPort();

            Launch launch = launch("platform", "--http-port", Integer.toString(port), "--kafka-port", Integer.toString(kafkaPort),
                    "--data-dir", dataDir.toString());

            assertThat(launch.awaitExit(Duration.ofSeconds(60))).isEqualTo(1);
            assertThat(launch.stderr()).containsExactly("signaling: error: port " + port + " (session-service, --http-port) "
                    + "is already in use; stop what is listening there or choose other ports (see --help)");
            assertThat(platformProcesses()).isEmpty();
            assertThat(dataDir.resolve("kafka")).doesNotExist();
        }
    }

    private Launch launch(String... args) {
        Launch launch = Launch.start(ROOT, args);
        launches.add(launch);
        return launch;
    }

    /** Creates sessions until every gateway holds one, whatever the placement strategy: gateway URL → session. */
    private Map<String, JsonNode> sessionsOnEveryGateway(String sessionUrl, int gatewayCount) throws Exception {
        Map<String, JsonNode> byGateway = new HashMap<>();
        for (int i = 0; i < 8 && byGateway.size() < gatewayCount; i++) {
            String userId = "user-" + i + "-" + UUID.randomUUID().toString().substring(0, 8);
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(sessionUrl + "/connect"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .timeout(Duration.ofSeconds(20))
                    .POST(HttpRequest.BodyPublishers.ofString("userId=" + userId)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as("POST /connect: %s", response.body()).isEqualTo(201);
            JsonNode session = SockJsPeer.JSON.readTree(response.body());
            byGateway.putIfAbsent(session.path("listeningAddress").asString(), session);
        }
        return byGateway;
    }

    private JsonNode get(String url) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        return SockJsPeer.JSON.readTree(response.body());
    }

    private static List<String> signalsInTheLog(int kafkaPort) {
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", "127.0.0.1:" + kafkaPort),
                new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor("signaling.signals", Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            await("the signals topic read to its end").atMost(Duration.ofSeconds(60)).until(() -> {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    values.add(record.value());
                }
                return partitions.stream().allMatch(p -> consumer.position(p) >= end.get(p));
            });
        }
        return values;
    }

    private static List<ProcessHandle> javaProcesses(Set<ProcessHandle> handles) {
        return handles.stream().filter(h -> h.info().command().orElse("").endsWith("java")).toList();
    }

    /** Processes carrying this test's data dir as platform marker, wherever they were reparented to. */
    private Set<ProcessHandle> platformProcesses() {
        String marker = MARKER + dataDir;
        return ProcessHandle.allProcesses().filter(ProcessHandle::isAlive)
                .filter(h -> h.info().arguments().map(a -> String.join(" ", a)).orElse("").contains(marker))
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }
}

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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
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
 * The launcher end to end, as a user runs it: {@code bin/signaling platform} with a real
 * broker and every service as child processes. Runs after {@code package} (surefire's e2e
 * execution), when this module's exec jar exists; the reactor has built the service jars
 * before.
 *
 * <p>
 * The README's first command on a machine with a JDK and no Node.js comes first: the
 * platform is started from a copy of the sources without any build output, so
 * {@code bin/signaling} builds everything, while every {@code node}, {@code npm} and
 * {@code npx} on PATH is a stand-in that records the call and fails. Each platform start
 * costs 30–60 s of five JVMs on a CI machine, so that one platform, once built, carries
 * every check of this class.
 */
@Tag("e2e")
@Timeout(1800)
class PlatformProcessTest {

    private static final Path ROOT = Path.of(System.getProperty("basedir", ""))
        .toAbsolutePath()
        .normalize()
        .getParent();

    private static final String VERSION = System.getProperty("signaling.version", "0.1.0-SNAPSHOT");

    private static final Duration READY = Duration.ofSeconds(120);

    /**
     * The build itself (every module, cold, on a shared CI machine) and then the start.
     */
    private static final Duration BUILD_AND_START = Duration.ofMinutes(20);

    /**
     * Build output, installed packages, local state: what a fresh clone does not have.
     */
    private static final Set<String> NOT_IN_A_CLONE = Set.of("target", "node_modules", ".git", ".signaling-data",
            "artifacts", ".idea", ".vscode");

    private static final String MARKER = "signaling.platform.data-dir=";

    private static final String SECRET = "a-secret-for-the-platform-e2e-test-" + UUID.randomUUID();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final List<Launch> launches = new ArrayList<>();

    @TempDir
    Path dataDir;

    @TempDir
    Path benchReports;

    @TempDir
    Path secrets;

    @TempDir
    Path temp;

    /**
     * The copy of the sources the platform is built and started from, and PATH's node
     * stand-ins.
     */
    private Path clone;

    private Map<String, String> withoutNode;

    private Path nodeCalls;

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

    /**
     * One platform started twice on the same data dir (each start is 30–60 s of five JVMs
     * on a CI machine, so the second start also carries contract §6's checks: it requires
     * a JWT).
     */
    @Test
    void buildsWithoutNodeRunsThePlatformRelaysASignalAcrossGatewaysStopsCleanlyAndKeepsTheLogAcrossARestartThatRequiresAJwt()
            throws Exception {
        clone = copyOfTheSources(temp.resolve("clone"));
        nodeCalls = temp.resolve("node-calls.log");
        Path stubs = Files.createDirectories(temp.resolve("stubs"));
        for (String tool : List.of("node", "npm", "npx")) {
            Path stub = stubs.resolve(tool);
            Files.writeString(stub, "#!/bin/sh\necho \"" + tool + " $*\" >> '" + nodeCalls + "'\necho '" + tool
                    + ": not runnable in this test' >&2\nexit 127\n");
            stub.toFile().setExecutable(true);
        }
        withoutNode = Map.of("PATH", stubs + ":" + System.getenv("PATH"));
        int httpPort = TestPorts.platformHttpPort(2);
        int kafkaPort = TestPorts.freePortBlock(1);
        String[] args = { "platform", "--http-port", Integer.toString(httpPort), "--kafka-port",
                Integer.toString(kafkaPort), "--data-dir", dataDir.toString() };
        String sessionUrl = "http://127.0.0.1:" + httpPort;
        List<String> gateways = List.of("http://127.0.0.1:" + (httpPort + 1) + "/ws",
                "http://127.0.0.1:" + (httpPort + 2) + "/ws");

        Launch first = launch(clone, Map.of("SIGNALING_SKIP_BUILD", "0",
                // the build installs nothing into the local repository the outer build is
                // using
                "MAVEN_ARGS", "-Dmaven.install.skip=true"), args);
        String ready = first.awaitReady(BUILD_AND_START);

        assertThat(first.stderr()).anyMatch(line -> line.startsWith("building signaling (first run)"));
        assertThat(first.stdout()).as("without --jwt-* options the launcher says /connect is open")
            .anyMatch(line -> line.startsWith("[platform] POST /connect is open: anyone can take any free userId"));
        itServesTheBrowserClientBuiltWithoutNode(sessionUrl, gateways);
        assertThat(ready).contains(sessionUrl, "POST " + sessionUrl + "/connect", gateways.get(0), gateways.get(1),
                "kafka: 127.0.0.1:" + kafkaPort);
        String sessionManagement = "http://127.0.0.1:" + (httpPort + TestPorts.MANAGEMENT_OFFSET);
        assertThat(get(sessionManagement + "/actuator/health").path("status").asString()).isEqualTo("UP");
        assertThat(SessionHttp.health(sessionUrl + "/actuator/health")).as("contract §5: health on the public port")
            .isEqualTo("UP");
        assertThat(SessionHttp.get(sessionUrl + "/actuator/prometheus").statusCode())
            .as("no metrics on the public port")
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

            await("alice's ack").atMost(Duration.ofSeconds(30))
                .until(() -> aliceSocket.frames()
                    .stream()
                    .anyMatch(
                            f -> "ack".equals(f.path("type").asString()) && "offer-1".equals(f.path("id").asString())));
            await("bob's delivery").atMost(Duration.ofSeconds(30))
                .until(() -> bobSocket.frames()
                    .stream()
                    .anyMatch(f -> "signal".equals(f.path("type").asString())
                            && alice.path("userId").asString().equals(f.path("from").asString())
                            && marker.equals(f.path("content").path("sdp").asString())));
        }

        benchRunsEveryScenarioAgainstThePlatform(sessionUrl);

        Set<ProcessHandle> children = first.descendants();
        assertThat(javaProcesses(children)).as("kafka, relay, session-service and two gateways")
            .hasSizeGreaterThanOrEqualTo(5);
        first.terminate();

        assertThat(first.awaitExit(Duration.ofSeconds(180))).as("the exit code of SIGTERM").isEqualTo(143);
        await("every child gone").atMost(Duration.ofSeconds(30))
            .until(() -> children.stream().noneMatch(ProcessHandle::isAlive));
        assertThat(platformProcesses()).isEmpty();
        assertThat(first.stdout().stream().filter(l -> l.startsWith("[platform] stopping ")).map(l -> l.substring(20)))
            .containsExactly("gateway-2", "gateway-1", "session", "relay", "kafka");

        Path secretFile = Files.writeString(secrets.resolve("jwt.secret"), SECRET + "\n");
        List<String> withJwt = new ArrayList<>(List.of(args));
        withJwt.addAll(List.of("--jwt-hmac-secret-file", secretFile.toString()));
        Launch second = launch(clone, Map.of(), withJwt.toArray(String[]::new));
        second.awaitReady(READY);

        assertThat(signalsInTheLog(kafkaPort)).anyMatch(value -> value.contains(marker));
        onlyATokensOwnerConnectsAndItsSignalsAreDelivered(second, sessionUrl, secretFile);
        Set<ProcessHandle> secondChildren = second.descendants();
        second.terminate();
        assertThat(second.awaitExit(Duration.ofSeconds(180))).as("the exit code of SIGTERM").isEqualTo(143);
        assertThat(nodeCalls).as("node, npm or npx was run").doesNotExist();
        await("every child gone").atMost(Duration.ofSeconds(30))
            .until(() -> secondChildren.stream().noneMatch(ProcessHandle::isAlive));
        assertThat(platformProcesses()).isEmpty();
    }

    /**
     * Issue 13: ~2,900 lines in the first 40 s were every service's Kafka client INFO.
     * Now the terminal has the platform's lines, the ready line and warnings or errors;
     * each component's whole log is in {@code <data-dir>/logs}, and their temporary files
     * and the relay's state are under the data dir.
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

    /**
     * Contract §6 through the one command, {@code --jwt-hmac-secret-file FILE}: a client
     * without a token is refused; with one it connects, signals and is delivered, and its
     * listening key still ends its session (DELETE /sessions is not a JWT endpoint). The
     * secret is never printed.
     */
    private void onlyATokensOwnerConnectsAndItsSignalsAreDelivered(Launch launch, String sessionUrl, Path secretFile)
            throws Exception {
        assertThat(launch.stdout())
            .contains("[platform] POST /connect requires a JWT (hmac-secret-file " + secretFile + ")");
        assertThat(String.join("\n", launch.stdout()) + String.join("\n", launch.stderr())).doesNotContain(SECRET);
        String alice = "alice-" + UUID.randomUUID().toString().substring(0, 8);
        String bob = "bob-" + UUID.randomUUID().toString().substring(0, 8);

        HttpResponse<String> anonymous = connect(sessionUrl, alice, null);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        assertThat(SockJsPeer.JSON.readTree(anonymous.body()).path("error").asString()).isEqualTo("unauthorized");
        HttpResponse<String> impostor = connect(sessionUrl, alice, token("mallory"));
        assertThat(impostor.statusCode()).isEqualTo(403);
        assertThat(SockJsPeer.JSON.readTree(impostor.body()).path("error").asString()).isEqualTo("user-id-not-allowed");

        JsonNode aliceSession = created(connect(sessionUrl, alice, token(alice)));
        JsonNode bobSession = created(connect(sessionUrl, null, token(bob))); // no userId
                                                                              // in the
                                                                              // body: the
                                                                              // token's
                                                                              // subject
        assertThat(bobSession.path("userId").asString()).isEqualTo(bob);
        try (SockJsPeer aliceSocket = SockJsPeer.connect(aliceSession);
                SockJsPeer bobSocket = SockJsPeer.connect(bobSession)) {
            await("bob's session acked").atMost(Duration.ofSeconds(30))
                .until(() -> get(sessionUrl + "/sessions/" + bob).path("acked").asBoolean(false));
            aliceSocket.send("{\"to\":\"" + bob + "\",\"id\":\"offer-1\",\"content\":{\"sdp\":\"v=0\"}}");
            await("bob's delivery").atMost(Duration.ofSeconds(30))
                .until(() -> bobSocket.frames()
                    .stream()
                    .anyMatch(f -> "signal".equals(f.path("type").asString())
                            && "offer-1".equals(f.path("id").asString()) && alice.equals(f.path("from").asString())));
            assertThat(aliceSocket.frames()).anyMatch(f -> "ack".equals(f.path("type").asString()));

            HttpResponse<String> deleted = http
                .send(HttpRequest.newBuilder(URI.create(sessionUrl + "/sessions/" + alice))
                    .header("Authorization", "Bearer " + aliceSession.path("listeningKey").asString())
                    .DELETE()
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(deleted.statusCode()).as("the listening key, not a JWT, ends a session: %s", deleted.body())
                .isEqualTo(204);
        }
    }

    private HttpResponse<String> connect(String sessionUrl, String userId, String token)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(sessionUrl + "/connect"))
            .timeout(Duration.ofSeconds(20))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(userId == null ? "{}" : "{\"userId\":\"" + userId + "\"}"));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode created(HttpResponse<String> response) {
        assertThat(response.statusCode()).as("POST /connect: %s", response.body()).isEqualTo(201);
        return SockJsPeer.JSON.readTree(response.body());
    }

    /**
     * An HS256 JWT for {@code subject}, valid for five minutes, as an app's backend would
     * mint it.
     */
    private static String token(String subject) throws GeneralSecurityException {
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        long now = Instant.now().getEpochSecond();
        String header = base64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String claims = base64
            .encodeToString(("{\"sub\":\"" + subject + "\",\"iat\":" + now + ",\"exp\":" + (now + 300) + "}")
                .getBytes(StandardCharsets.UTF_8));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String signature = base64
            .encodeToString(mac.doFinal((header + "." + claims).getBytes(StandardCharsets.US_ASCII)));
        return header + "." + claims + "." + signature;
    }

    /** A Spring Boot console line below WARN, under a service's prefix. */
    private static final java.util.regex.Pattern INFO_LINE = java.util.regex.Pattern
        .compile("^\\[(relay|session|gateway-\\d+)] \\S+\\s+(INFO|DEBUG|TRACE) ");

    /**
     * {@code bin/signaling bench}, each scenario small and short, against the platform
     * just started: it exits 0, writes its report, and the report says what a user of the
     * tool reads.
     */
    private void benchRunsEveryScenarioAgainstThePlatform(String sessionUrl) throws IOException {
        // The relay scenario last: it may push a fresh platform on a busy machine into
        // shedding load, and a
        // gateway's delivery-age limit is lifted only by the next message it is offered
        // or delivered (on a
        // quiet platform /connect then answers 503 overloaded until somebody signals:
        // reported to the gateway).
        JsonNode callSetup = bench(sessionUrl, "call-setup", "--users", "8", "--rate", "4", "--duration", "3s");
        JsonNode calls = callSetup.path("calls");
        JsonNode callSignals = callSetup.path("signals");
        assertThat(calls.path("completed").asLong()).isPositive();
        // Contract 1.1: a platform behind (a cold one on a busy machine) refuses signals
        // 'overloaded' instead of
        // queueing them, and the tool does not send a call's signal again: such a call
        // fails, nothing else may.
        assertThat(calls.path("failed").asLong()).as("failed calls, at most one per signal refused 'overloaded'")
            .isLessThanOrEqualTo(callSignals.path("refused").asLong());
        assertThat(callSignals.path("errors").propertyNames()).as("why signals were refused").isSubsetOf("overloaded");
        assertThat(List.of(callSignals.path("lost").asLong(), callSignals.path("duplicated").asLong(),
                callSignals.path("reordered").asLong()))
            .containsOnly(0L);
        assertThat(calls.path("setupMs").path("p99").asDouble()).isPositive();

        JsonNode storm = bench(sessionUrl, "connect-storm", "--concurrency", "4", "--duration", "3s").path("storm");
        assertThat(storm.path("sessions").asLong()).isPositive();
        assertThat(storm.path("failed").asLong()).isZero();

        JsonNode idle = bench(sessionUrl, "idle-connections", "--users", "40", "--concurrency", "10", "--duration",
                "2s")
            .path("idle");
        assertThat(idle.path("open").asLong()).isEqualTo(40);
        assertThat(idle.path("gateways").size()).as("both gateways sampled for their heap").isEqualTo(2);

        JsonNode relayReport = bench(sessionUrl, "relay", "--users", "8", "--rate", "200", "--duration", "3s");
        assertThat(relayReport.path("processes").propertyNames())
            .as("the CPU of every process of the platform, the broker included, read in the window")
            .containsExactlyInAnyOrder("kafka", "relay", "session-service", "gateway-1", "gateway-2");
        JsonNode relay = relayReport.path("signals");
        assertThat(relay.path("sent").asLong()).isPositive();
        assertThat(relay.path("received").asLong())
            .isEqualTo(relay.path("sent").asLong() - relay.path("refused").asLong());
        assertThat(List.of(relay.path("lost").asLong(), relay.path("duplicated").asLong(),
                relay.path("reordered").asLong()))
            .containsOnly(0L);
        assertThat(relay.path("crossGatewayStreams").asInt()).as("users paired across the gateways").isPositive();
        assertThat(relay.path("latencyMs").path("count").asLong()).isPositive();
    }

    private JsonNode bench(String sessionUrl, String scenario, String... options) throws IOException {
        // As a user running scenarios one after the other would: the previous one may
        // have pushed a
        // fresh platform on a busy machine into shedding load (503 overloaded); wait
        // until /connect is taken.
        new SessionHttp(sessionUrl).connect("before-" + scenario + "-" + UUID.randomUUID().toString().substring(0, 8));
        Path reports = Files.createDirectories(benchReports.resolve(scenario));
        // A long drain: it ends as soon as every signal is in, and a freshly started
        // platform on a busy
        // CI machine may still be compiling its hot paths.
        List<String> args = new ArrayList<>(List.of("bench", scenario, "--url", sessionUrl, "--timeout", "30s",
                "--report-dir", reports.toString()));
        if (!scenario.equals("idle-connections")) {
            // idle-connections holds its connections for --duration: no warm-up, nothing
            // to drain
            args.addAll(List.of("--warmup", "1s", "--drain", "60s"));
        }
        args.addAll(List.of(options));
        Launch bench = launch(clone, Map.of(), args.toArray(String[]::new));

        assertThat(bench.awaitExit(Duration.ofSeconds(180))).as("bench %s: %s", scenario, bench.stderr()).isZero();
        assertThat(bench.stdout()).anyMatch(line -> line.startsWith("report: "));
        try (Stream<Path> files = Files.list(reports)) {
            Path json = files.filter(file -> file.toString().endsWith(".json")).findFirst().orElseThrow();
            return SockJsPeer.JSON.readTree(Files.readString(json));
        }
    }

    /**
     * The browser client and sockjs-client, built without Node.js, served as documented.
     */
    private void itServesTheBrowserClientBuiltWithoutNode(String sessionUrl, List<String> gateways) throws Exception {
        HttpResponse<String> client = SessionHttp.get(sessionUrl + "/client/signaling-client.js");
        assertThat(client.statusCode()).isEqualTo(200);
        assertThat(client.headers().firstValue("Content-Type"))
            .hasValueSatisfying(type -> assertThat(type).contains("javascript"));
        assertThat(client.body()).contains("export function connect", "from './perfect-negotiation.js'",
                "sockjs.min.js");
        assertThat(SessionHttp.get(sessionUrl + "/client/perfect-negotiation.js").body())
            .contains("export function perfectNegotiation");
        for (String origin : List.of(sessionUrl, gateways.get(0).replace("/ws", ""))) {
            HttpResponse<String> sockjs = SessionHttp.get(origin + "/client/sockjs.min.js");
            assertThat(sockjs.statusCode()).as("sockjs.min.js from %s", origin).isEqualTo(200);
            assertThat(sockjs.body()).contains("SockJS");
        }
        assertThat(SessionHttp.get(sessionUrl + "/demo.js").body()).contains("from '/client/signaling-client.js'");
    }

    private static Path copyOfTheSources(Path clone) throws IOException {
        try (Stream<Path> files = Files.walk(ROOT)) {
            for (Path source : (Iterable<Path>) files.filter(p -> !excluded(p))::iterator) {
                Path target = clone.resolve(ROOT.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                }
                else {
                    Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        assertThat(clone.resolve("bin/signaling")).isExecutable();
        return clone;
    }

    private static boolean excluded(Path path) {
        for (Path part : ROOT.relativize(path)) {
            if (NOT_IN_A_CLONE.contains(part.toString())) {
                return true;
            }
        }
        return false;
    }

    @Test
    void aTakenPortIsOneErrorLineAndStartsNothing() throws IOException {
        int kafkaPort = TestPorts.freePortBlock(1);
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(TestPorts.platformHttpPort(2)));
            int port = taken.getLocalPort();

            Launch launch = launch("platform", "--http-port", Integer.toString(port), "--kafka-port",
                    Integer.toString(kafkaPort), "--data-dir", dataDir.toString());

            assertThat(launch.awaitExit(Duration.ofSeconds(60))).isEqualTo(1);
            assertThat(launch.stderr())
                .containsExactly("signaling: error: port " + port + " (session-service, --http-port) "
                        + "is already in use; stop what is listening there or choose other ports (see --help)");
            assertThat(platformProcesses()).isEmpty();
            assertThat(dataDir.resolve("kafka")).doesNotExist();
        }
    }

    private Launch launch(String... args) {
        return launch(ROOT, Map.of(), args);
    }

    /**
     * {@code bin/signaling} of {@code root} (this tree, or the copy built without
     * Node.js).
     */
    private Launch launch(Path root, Map<String, String> environment, String... args) {
        Map<String, String> env = new HashMap<>(environment);
        if (root.equals(clone)) {
            env.putAll(withoutNode);
        }
        Launch launch = Launch.start(root, env, args);
        launches.add(launch);
        return launch;
    }

    /**
     * Creates sessions until every gateway holds one, whatever the placement strategy:
     * gateway URL → session.
     */
    private Map<String, JsonNode> sessionsOnEveryGateway(String sessionUrl, int gatewayCount) throws Exception {
        Map<String, JsonNode> byGateway = new HashMap<>();
        for (int i = 0; i < 8 && byGateway.size() < gatewayCount; i++) {
            String userId = "user-" + i + "-" + UUID.randomUUID().toString().substring(0, 8);
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(sessionUrl + "/connect"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .timeout(Duration.ofSeconds(20))
                .POST(HttpRequest.BodyPublishers.ofString("userId=" + userId))
                .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as("POST /connect: %s", response.body()).isEqualTo(201);
            JsonNode session = SockJsPeer.JSON.readTree(response.body());
            byGateway.putIfAbsent(session.path("listeningAddress").asString(), session);
        }
        return byGateway;
    }

    private JsonNode get(String url) throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        return SockJsPeer.JSON.readTree(response.body());
    }

    private static List<String> signalsInTheLog(int kafkaPort) {
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
                Map.of("bootstrap.servers", "127.0.0.1:" + kafkaPort), new StringDeserializer(),
                new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor("signaling.signals", Duration.ofSeconds(30))
                .stream()
                .map(p -> new TopicPartition(p.topic(), p.partition()))
                .toList();
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

    /**
     * Processes carrying this test's data dir as platform marker, wherever they were
     * reparented to.
     */
    private Set<ProcessHandle> platformProcesses() {
        String marker = MARKER + dataDir;
        return ProcessHandle.allProcesses()
            .filter(ProcessHandle::isAlive)
            .filter(h -> h.info().arguments().map(a -> String.join(" ", a)).orElse("").contains(marker))
            .collect(Collectors.toCollection(LinkedHashSet::new));
    }

}

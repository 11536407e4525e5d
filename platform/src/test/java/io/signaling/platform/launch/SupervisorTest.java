package io.signaling.platform.launch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.signaling.platform.LaunchException;
import io.signaling.platform.process.ChildProcess;
import io.signaling.platform.process.Console;
import io.signaling.platform.process.ProcessGroup;
import io.signaling.platform.process.RestartPolicy;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Children are shell scripts: what matters is who is restarted, when, what the console
 * says, and when it all stops.
 */
@Timeout(60)
class SupervisorTest {

    /**
     * Fast enough for a test, the same shape as the default: doubling, capped, reset by a
     * healthy run.
     */
    private static final RestartPolicy FAST = new RestartPolicy(Duration.ofMillis(100), Duration.ofMillis(400),
            Duration.ofSeconds(3), 3);

    @TempDir
    Path tmp;

    private final ByteArrayOutputStream output = new ByteArrayOutputStream();

    private final Console console = new Console(new PrintStream(output, true, StandardCharsets.UTF_8));

    private ProcessGroup group;

    private HttpServer health;

    @AfterEach
    void stop() {
        if (group != null) {
            group.stopAll();
        }
        if (health != null) {
            health.stop(0);
        }
    }

    /** Says hello; on SIGTERM appends its name to the stop log and exits. */
    private List<String> polite(String name) {
        Path log = tmp.resolve("stops.log");
        return List.of("/bin/sh", "-c", "trap 'echo " + name + " >> " + log + "; exit 0' TERM; " + "echo hello from "
                + name + "; while true; do sleep 0.1; done");
    }

    private CompletableFuture<Void> supervise(RestartPolicy policy, Map<String, Integer> healthPorts) {
        HealthProbe probe = new HealthProbe();
        Map<String, BooleanSupplier> upChecks = new HashMap<>();
        healthPorts.forEach((name, port) -> upChecks.put(name, () -> HealthProbe.UP.equals(probe.status(port))));
        Supervisor supervisor = new Supervisor(group, console, policy, Set.of("kafka"), upChecks);
        return CompletableFuture.runAsync(supervisor::supervise);
    }

    @Test
    void aChildThatDiesIsRestartedInItsPlaceWhileTheOthersKeepRunning() throws Exception {
        group = new ProcessGroup(console, Duration.ofSeconds(10));
        ChildProcess kafka = group.start("kafka", polite("kafka"), tmp);
        ChildProcess relay = group.start("relay", polite("relay"), tmp);
        ChildProcess gateway = group.start("gateway-1", polite("gateway-1"), tmp);
        await().atMost(Duration.ofSeconds(10)).until(() -> printed().contains("[gateway-1] hello from gateway-1"));
        CompletableFuture<Void> supervising = supervise(FAST, Map.of("gateway-1", healthServer()));

        ProcessHandle.of(gateway.pid()).orElseThrow().destroyForcibly();

        await().atMost(Duration.ofSeconds(10)).until(() -> printed().contains("[platform] gateway-1 is up again"));
        assertThat(printed())
            .contains("[platform] gateway-1 exited unexpectedly with code 137 (SIGKILL); " + "restarting it in 100 ms");
        long restartedPid = Long.parseLong(find("\\[platform] restarted gateway-1 \\(pid (\\d+)\\)"));
        assertThat(restartedPid).isNotEqualTo(gateway.pid());
        assertThat(ProcessHandle.of(restartedPid)).get().matches(ProcessHandle::isAlive);
        assertThat(printed().split("\\[gateway-1] hello from gateway-1", -1)).as("it ran twice").hasSize(3);
        assertThat(List.of(kafka, relay)).allMatch(ChildProcess::isAlive);
        assertThat(group.children()).extracting(ChildProcess::name).containsExactly("kafka", "relay", "gateway-1");

        group.stopAll();

        supervising.get(10, TimeUnit.SECONDS);
        assertThat(Files.readAllLines(tmp.resolve("stops.log")))
            .as("the restarted child keeps its place in the stop order")
            .containsExactly("gateway-1", "relay", "kafka");
        assertThat(ProcessHandle.of(restartedPid)).isEmpty();
    }

    @Test
    void aChildThatKeepsDyingStopsThePlatformWithTheReason() {
        group = new ProcessGroup(console, Duration.ofSeconds(10));
        group.start("kafka", polite("kafka"), tmp);
        group.start("gateway-1", List.of("/bin/sh", "-c", "echo starting; sleep 0.2; exit 3"), tmp);

        assertThatSupervisionFails(supervise(FAST, Map.of()))
            .isEqualTo("gateway-1 exited unexpectedly with code 3, its 3rd death in a row within 3 s of its start; "
                    + "it keeps dying, so the platform stopped");
        assertThat(printed()).contains(
                "[platform] gateway-1 exited unexpectedly with code 3, its 3rd death in a row within 3 s of its start; "
                        + "it keeps dying: stopping the platform",
                "[platform] gateway-1 exited unexpectedly with code 3; restarting it in 100 ms",
                "[platform] gateway-1 exited unexpectedly with code 3; restarting it in 200 ms (2nd death in a row)");
        assertThat(printed().split("\\[gateway-1] starting", -1)).as("started, then restarted twice").hasSize(4);
    }

    @Test
    void theBrokerIsRestartedLikeAnyChildAndTheServicesKeepRunning() throws Exception {
        group = new ProcessGroup(console, Duration.ofSeconds(10));
        ChildProcess kafka = group.start("kafka", polite("kafka"), tmp);
        ChildProcess relay = group.start("relay", polite("relay"), tmp);
        await().atMost(Duration.ofSeconds(10)).until(() -> printed().contains("[relay] hello from relay"));
        CompletableFuture<Void> supervising = supervise(FAST, Map.of("kafka", healthServer()));

        ProcessHandle.of(kafka.pid()).orElseThrow().destroyForcibly();

        await().atMost(Duration.ofSeconds(10)).until(() -> printed().contains("[platform] kafka is up again"));
        assertThat(printed())
            .contains("[platform] kafka exited unexpectedly with code 137 (SIGKILL); restarting it in 100 ms")
            .doesNotContain("stopping");
        long restartedPid = Long.parseLong(find("\\[platform] restarted kafka \\(pid (\\d+)\\)"));
        assertThat(ProcessHandle.of(restartedPid)).get().matches(ProcessHandle::isAlive);
        assertThat(relay.isAlive()).as("the services keep running").isTrue();
        assertThat(supervising).isNotDone();
        assertThat(group.children()).extracting(ChildProcess::name).containsExactly("kafka", "relay");

        group.stopAll();

        supervising.get(10, TimeUnit.SECONDS);
        assertThat(Files.readAllLines(tmp.resolve("stops.log"))).as("the broker keeps its place: stopped last")
            .containsExactly("relay", "kafka");
    }

    @Test
    void aBrokerThatKeepsDyingStopsThePlatformWithTheReasonAndTheServicesAfterAShortGrace() {
        group = new ProcessGroup(console, Duration.ofSeconds(60));
        group.start("kafka", List.of("/bin/sh", "-c", "echo starting; sleep 0.2; exit 1"), tmp);
        // A service that ignores SIGTERM: with the group's 60 s grace the test's timeout
        // would end first.
        ChildProcess relay = group.start("relay",
                List.of("/bin/sh", "-c", "trap '' TERM; echo hello; while true; do sleep 0.1; done"), tmp);

        long started = System.nanoTime();
        assertThatSupervisionFails(supervise(FAST, Map.of()))
            .isEqualTo("kafka exited unexpectedly with code 1, its 3rd death in a row within 3 s of its start; "
                    + "it keeps dying, so the platform stopped");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("the services stopped after the short grace")
            .isLessThan(Duration.ofSeconds(30));
        assertThat(relay.isAlive()).isFalse();
        assertThat(group.children()).as("everything stopped before the verdict").isEmpty();
        assertThat(printed()).contains("[platform] kafka exited unexpectedly with code 1; restarting it in 100 ms",
                "[platform] stopping relay");
    }

    @Test
    void aRunLongerThanTheHealthyRunResetsTheBackoff() {
        group = new ProcessGroup(console, Duration.ofSeconds(10));
        RestartPolicy policy = new RestartPolicy(Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofMillis(700),
                2);
        // Each run is "healthy" (over 700 ms), so no death is the second in a row: never
        // given up on.
        group.start("relay", List.of("/bin/sh", "-c", "echo run; sleep 1; exit 1"), tmp);
        CompletableFuture<Void> supervising = supervise(policy, Map.of());

        await().atMost(Duration.ofSeconds(20)).until(() -> printed().split("\\[relay] run", -1).length > 4);

        assertThat(supervising).isNotDone();
        assertThat(printed()).doesNotContain("in a row").contains("restarting it in 100 ms");
    }

    @Test
    void aSignalEndsSupervisionWithoutARestart() throws Exception {
        group = new ProcessGroup(console, Duration.ofSeconds(10));
        group.start("relay", polite("relay"), tmp);
        CompletableFuture<Void> supervising = supervise(FAST, Map.of());

        group.stopAll();

        supervising.get(10, TimeUnit.SECONDS);
        assertThat(printed()).doesNotContain("exited unexpectedly", "restart");
    }

    @Test
    void exitCodesOfSignalsAreNamed() {
        assertThat(Supervisor.describe(1)).isEqualTo("1");
        assertThat(Supervisor.describe(137)).isEqualTo("137 (SIGKILL)");
        assertThat(Supervisor.describe(143)).isEqualTo("143 (SIGTERM)");
        assertThat(Supervisor.describe(134)).isEqualTo("134 (SIGABRT)");
    }

    private static org.assertj.core.api.AbstractStringAssert<?> assertThatSupervisionFails(
            CompletableFuture<Void> supervising) {
        try {
            supervising.get(30, TimeUnit.SECONDS);
            throw new AssertionError("supervision ended without an error");
        }
        catch (ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(LaunchException.class);
            return assertThat(e.getCause().getMessage());
        }
        catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** An actuator that is always UP, for "is up again". */
    private int healthServer() throws IOException {
        health = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        health.createContext("/actuator/health", exchange -> {
            byte[] body = "{\"status\":\"UP\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        health.start();
        return health.getAddress().getPort();
    }

    private String find(String regex) {
        Matcher matcher = Pattern.compile(regex).matcher(printed());
        assertThat(matcher.find()).as("%s in %s", regex, printed()).isTrue();
        return matcher.group(1);
    }

    private String printed() {
        return output.toString(StandardCharsets.UTF_8);
    }

}

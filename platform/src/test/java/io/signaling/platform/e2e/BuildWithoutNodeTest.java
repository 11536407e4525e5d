package io.signaling.platform.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.signaling.platform.net.Ports;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's first command on a machine with a JDK and no Node.js: {@code bin/signaling platform}
 * in a copy of the sources without any build output builds everything and starts, while every
 * {@code node}, {@code npm} and {@code npx} on PATH is a stand-in that records the call and fails.
 * The platform then serves the browser client and sockjs-client as documented.
 */
@Tag("e2e")
@Timeout(1500)
class BuildWithoutNodeTest {

    private static final Path ROOT = Path.of(System.getProperty("basedir", "")).toAbsolutePath().normalize().getParent();
    /** Build output, installed packages, local state: what a fresh clone does not have. */
    private static final Set<String> NOT_IN_A_CLONE = Set.of("target", "node_modules", ".git", ".signaling-data", "artifacts",
            ".idea", ".vscode");
    /** The build itself (every module, cold, on a shared CI machine) and then the start. */
    private static final Duration BUILD_AND_START = Duration.ofMinutes(20);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private Launch launch;

    @TempDir
    Path temp;

    @AfterEach
    void stop() {
        if (launch != null && launch.isAlive()) {
            launch.kill();
        }
    }

    @Test
    void buildsAndStartsWithoutNodeAndServesTheBrowserClient() throws Exception {
        Path clone = copyOfTheSources(temp.resolve("clone"));
        Path calls = temp.resolve("node-calls.log");
        Path stubs = Files.createDirectories(temp.resolve("stubs"));
        for (String tool : List.of("node", "npm", "npx")) {
            Path stub = stubs.resolve(tool);
            Files.writeString(stub, "#!/bin/sh\necho \"" + tool + " $*\" >> '" + calls + "'\necho '" + tool
                    + ": not runnable in this test' >&2\nexit 127\n");
            stub.toFile().setExecutable(true);
        }
        int[] ports = freePorts();
        int httpPort = ports[0];
        String sessionUrl = "http://127.0.0.1:" + httpPort;
        String gatewayUrl = "http://127.0.0.1:" + (httpPort + 1);

        launch = Launch.start(clone, Map.of(
                "PATH", stubs + ":" + System.getenv("PATH"), "SIGNALING_SKIP_BUILD", "0",
                // the build installs nothing into the local repository the outer build is using
                "MAVEN_ARGS", "-Dmaven.install.skip=true"),
                "platform", "--http-port", Integer.toString(httpPort), "--gateways", "1", "--kafka-port",
                Integer.toString(ports[2]), "--data-dir", temp.resolve("data").toString());
        String ready = launch.awaitReady(BUILD_AND_START);

        assertThat(launch.stderr()).anyMatch(line -> line.startsWith("building signaling (first run)"));
        assertThat(launch.stdout()).as("without --jwt-* options the launcher says /connect is open")
                .anyMatch(line -> line.startsWith("[platform] POST /connect is open: anyone can take any free userId"));
        assertThat(ready).contains(sessionUrl);
        HttpResponse<String> client = get(sessionUrl + "/client/signaling-client.js");
        assertThat(client.statusCode()).isEqualTo(200);
        assertThat(client.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).contains("javascript"));
        assertThat(client.body()).contains("export function connect", "from './perfect-negotiation.js'", "sockjs.min.js");
        assertThat(get(sessionUrl + "/client/perfect-negotiation.js").body()).contains("export function perfectNegotiation");
        for (String origin : List.of(sessionUrl, gatewayUrl)) {
            HttpResponse<String> sockjs = get(origin + "/client/sockjs.min.js");
            assertThat(sockjs.statusCode()).as("sockjs.min.js from %s", origin).isEqualTo(200);
            assertThat(sockjs.body()).contains("SockJS");
        }
        assertThat(get(sessionUrl + "/demo.js").body()).contains("from '/client/signaling-client.js'");
        assertThat(calls).as("node, npm or npx was run").doesNotExist();

        launch.terminate();
        assertThat(launch.awaitExit(Duration.ofSeconds(120))).isEqualTo(143);
    }

    private HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The session service, its gateway right after it, then the broker's port. */
    private static int[] freePorts() throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            int[] ports = Ports.freePorts(1);
            int first = ports[0];
            if (first + 2 < 65536 && Ports.isFree(first + 1) && Ports.isFree(first + 2)) {
                return new int[] {first, first + 1, first + 2};
            }
        }
        throw new IOException("no three consecutive free ports");
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
}

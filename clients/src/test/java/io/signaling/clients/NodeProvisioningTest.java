package io.signaling.clients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * js/scripts/ProvisionNode.java, as the build runs it (clients/pom.xml, e2e/pom.xml): on
 * a machine without Node.js, or with one older than 20, the JS unit tests run on the
 * pinned Node.js and npm fetched from the npm registry; a machine's own Node.js 20+ is
 * used as it is. The provisioned one lands in the user's cache (~/.cache/signaling/node),
 * where a build without Node.js finds it too.
 */
@Timeout(600)
class NodeProvisioningTest {

    private static final Path JS = Path.of(System.getProperty("basedir", "."))
        .toAbsolutePath()
        .normalize()
        .resolve("js");

    private static final Path SCRIPT = JS.resolve("scripts/ProvisionNode.java");

    private static final Path PINS = JS.resolve("scripts/node-toolchain.properties");

    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    /** The package of Node's binaries for this machine, as the script names it. */
    private static final String NODE_PACKAGE = "node-linux-"
            + (System.getProperty("os.arch").equals("aarch64") ? "arm64" : "x64");

    private static final Properties pins = new Properties();

    @TempDir
    Path temp;

    @BeforeAll
    static void readPins() throws IOException {
        try (InputStream in = Files.newInputStream(PINS)) {
            pins.load(in);
        }
    }

    @Test
    void withoutNodeOnThePathTheJsTestsRunOnThePinnedNodeAndNpm() throws Exception {
        Path emptyPath = Files.createDirectories(temp.resolve("empty-path"));
        Path bin = temp.resolve("bin");

        Result provisioned = run(
                List.of(JAVA, SCRIPT.toString(), "--bin", bin.toString(), "--pins", PINS.toString(), "--label", "test"),
                JS, emptyPath.toString());

        assertThat(provisioned.exit()).as(provisioned.output()).isZero();
        assertThat(provisioned.output()).contains("test: Node.js v" + pins.getProperty("node.version") + " and npm "
                + pins.getProperty("npm.version") + " provisioned in ", "(no node on PATH)");
        assertThat(Files.readSymbolicLink(bin.resolve("node")).toString())
            .endsWith(NODE_PACKAGE + "-" + pins.getProperty("node.version") + "/bin/node");

        // What the clients module then does, with nothing on PATH but the provisioned bin
        // dir and a shell (npm runs scripts with sh).
        Path shell = Files.createDirectories(temp.resolve("shell"));
        Files.createSymbolicLink(shell.resolve("sh"), Path.of("/bin/sh"));
        String path = bin + ":" + shell;
        Path copy = copyOfThePackage();
        Result install = run(List.of(bin.resolve("npm").toString(), "ci", "--no-audit", "--no-fund"), copy, path);
        assertThat(install.exit()).as(install.output()).isZero();
        Result tests = run(List.of(bin.resolve("npm").toString(), "test"), copy, path);
        assertThat(tests.exit()).as(tests.output()).isZero();
        assertThat(tests.output()).containsPattern("# pass [1-9]").contains("# fail 0");
        Result version = run(List.of(bin.resolve("node").toString(), "-p", "process.version"), copy, path);
        assertThat(version.output().trim()).isEqualTo("v" + pins.getProperty("node.version"));
    }

    @Test
    void aNodeOlderThan20IsReplacedByThePinnedOne() throws Exception {
        Path oldNode = Files.createDirectories(temp.resolve("old-node"));
        script(oldNode.resolve("node"), "echo v18.19.0");
        script(oldNode.resolve("npm"), "echo 9.2.0");
        Path bin = temp.resolve("bin");

        Result result = run(
                List.of(JAVA, SCRIPT.toString(), "--bin", bin.toString(), "--pins", PINS.toString(), "--label", "test"),
                JS, oldNode.toString());

        assertThat(result.exit()).as(result.output()).isZero();
        assertThat(result.output()).contains("provisioned in ",
                oldNode.resolve("node") + " is v18.19.0, older than 20");
        Result version = run(List.of(bin.resolve("node").toString(), "--version"), JS, bin.toString());
        assertThat(version.output().trim()).isEqualTo("v" + pins.getProperty("node.version"));
    }

    @Test
    void theMachinesOwnNode20OrNewerIsUsedAsItIs() throws Exception {
        Path systemNode = Stream.of(System.getenv("PATH").split(":"))
            .map(dir -> Path.of(dir, "node"))
            .filter(Files::isExecutable)
            .findFirst()
            .orElse(null);
        assumeTrue(systemNode != null, "this machine has no node on PATH: nothing to use as it is");
        Path bin = temp.resolve("bin");

        Result result = run(
                List.of(JAVA, SCRIPT.toString(), "--bin", bin.toString(), "--pins", PINS.toString(), "--label", "test"),
                JS, System.getenv("PATH"));

        assertThat(result.exit()).as(result.output()).isZero();
        Result own = run(List.of(systemNode.toString(), "--version"), JS, System.getenv("PATH"));
        int major = Integer.parseInt(own.output().trim().substring(1).split("\\.")[0]);
        if (major >= 20) {
            assertThat(result.output()).contains("test: Node.js " + own.output().trim() + " and npm ",
                    "installed on this machine");
            assertThat(Files.readSymbolicLink(bin.resolve("node"))).isEqualTo(systemNode.toRealPath());
        }
        else {
            assertThat(result.output()).contains("older than 20", "provisioned in ");
        }
    }

    @Test
    void aTarballThatDoesNotMatchItsPinIsRefusedAndNothingIsInstalled() throws Exception {
        Path tampered = temp.resolve("pins.properties");
        Properties wrong = new Properties();
        wrong.putAll(pins);
        // npm is the small one (3 MB); a fresh cache makes the script fetch it
        wrong.setProperty("npm.integrity", "sha512-" + "A".repeat(86) + "==");
        try (var out = Files.newOutputStream(tampered)) {
            wrong.store(out, null);
        }
        Path cache = temp.resolve("cache");
        // a node that counts as installed, so only npm is fetched
        Path node = Files.createDirectories(cache.resolve(NODE_PACKAGE + "-" + pins.getProperty("node.version")));

        Result result = run(List.of(JAVA, SCRIPT.toString(), "--bin", temp.resolve("bin").toString(), "--pins",
                tampered.toString(), "--cache", cache.toString(), "--label", "test"), JS, temp.toString());

        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.output()).contains(
                "npm-" + pins.getProperty("npm.version") + ".tgz does not match its pinned integrity",
                "nothing was installed");
        try (Stream<Path> left = Files.list(cache)) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactly(node.getFileName().toString());
        }
    }

    private Path copyOfThePackage() throws IOException {
        Path copy = Files.createDirectories(temp.resolve("clients/js"));
        for (String file : List.of("package.json", "package-lock.json", ".npmrc")) {
            Files.copy(JS.resolve(file), copy.resolve(file));
        }
        for (String dir : List.of("src", "test")) {
            try (Stream<Path> files = Files.walk(JS.resolve(dir))) {
                for (Path source : files.toList()) {
                    Files.copy(source, copy.resolve(JS.relativize(source).toString()));
                }
            }
        }
        Files.copy(JS.resolveSibling("pom.xml"), copy.resolveSibling("pom.xml")); // read
                                                                                  // by a
                                                                                  // version
                                                                                  // sync
                                                                                  // test
        return copy;
    }

    private static void script(Path file, String body) throws IOException {
        Files.writeString(file, "#!/bin/sh\n" + body + "\n");
        file.toFile().setExecutable(true);
    }

    private record Result(int exit, String output) {
    }

    /**
     * Runs {@code command} in {@code dir} with exactly {@code path} as PATH; output and
     * errors together.
     */
    private static Result run(List<String> command, Path dir, String path) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(command)).directory(dir.toFile())
            .redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.put("PATH", path);
        Process process = builder.start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(300, TimeUnit.SECONDS)).as("%s finished", command).isTrue();
        System.out.println("$ " + String.join(" ", command) + "\n" + output);
        return new Result(process.exitValue(), output);
    }

}

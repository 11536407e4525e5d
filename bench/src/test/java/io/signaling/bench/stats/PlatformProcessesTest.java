package io.signaling.bench.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The platform's processes are told apart by the command lines the launcher gives them,
 * and only those of the platform the tool drives count.
 */
class PlatformProcessesTest {

    @Test
    void namesEachChildOfTheLauncherByItsCommandLine() {
        String marker = PlatformProcesses.MARKER + "/data";
        assertThat(PlatformProcesses.nameOf(List.of("java", marker, "-cp", "x", "kafka.Kafka", "server.properties")))
            .isEqualTo("kafka");
        assertThat(PlatformProcesses
            .nameOf(List.of("java", marker, "-jar", "/r/relay-streams/target/relay-streams-0.1.0-SNAPSHOT.jar")))
            .isEqualTo("relay");
        assertThat(PlatformProcesses
            .nameOf(List.of("java", "-jar", "/s/session-service-0.1.0-SNAPSHOT.jar", "--server.port=8080")))
            .isEqualTo("session-service");
        assertThat(PlatformProcesses.nameOf(List.of("java", "-jar", "/g/gateway-0.1.0-SNAPSHOT.jar",
                "--server.port=8081", "--signaling.gateway.id=gateway-1")))
            .isEqualTo("gateway-1");
        assertThat(PlatformProcesses.nameOf(List.of("java", "-jar", "other.jar"))).isNull();
        assertThat(PlatformProcesses.marker(List.of("java", marker))).contains("/data");
    }

    @Test
    void findsTheProcessesOfThePlatformWhoseSessionServiceServesThePortAndReadsTheirCpu(@TempDir Path dir)
            throws IOException {
        // Two stand-ins for a platform's children (same marker), one of another platform.
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process session = child(java, dir, "ours", "session-service", "--server.port=18999");
        Process gateway = child(java, dir, "ours", "gateway", "--signaling.gateway.id=gateway-7");
        Process other = child(java, dir, "theirs", "gateway", "--signaling.gateway.id=gateway-9");
        try {
            await().atMost(Duration.ofSeconds(20))
                .until(() -> PlatformProcesses.find(18999)
                    .cpu()
                    .keySet()
                    .containsAll(List.of("gateway-7", "session-service")));

            Map<String, Duration> cpu = PlatformProcesses.find(18999).cpu();
            assertThat(cpu).containsOnlyKeys("session-service", "gateway-7");
            assertThat(cpu.values()).allSatisfy(used -> assertThat(used).isPositive());
            assertThat(PlatformProcesses.find(18998).isEmpty()).as("no session-service on that port").isTrue();
        }
        finally {
            session.destroyForcibly();
            gateway.destroyForcibly();
            other.destroyForcibly();
        }
    }

    /**
     * A JVM that lives until killed, with the launcher's marker and a command line naming
     * {@code module}'s jar.
     */
    private static Process child(String java, Path dir, String platform, String module, String arg) throws IOException {
        // jshell-free and jar-free: the JVM runs a source file that waits for ever
        Path source = dir.resolve(module + "-" + platform + ".java");
        Files.writeString(source,
                "class Wait { public static void main(String[] a) throws Exception { new java.util.concurrent.CountDownLatch(1).await(); } }");
        return new ProcessBuilder(java, PlatformProcesses.MARKER + dir.resolve(platform), source.toString(),
                "/x/" + module + "-0.1.0-SNAPSHOT.jar", arg)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    }

}

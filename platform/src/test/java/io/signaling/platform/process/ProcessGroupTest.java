package io.signaling.platform.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Children are plain shell scripts here: what matters is prefixes, stop order, SIGTERM
 * then SIGKILL.
 */
@Timeout(60)
class ProcessGroupTest {

    @TempDir
    Path tmp;

    private final ByteArrayOutputStream output = new ByteArrayOutputStream();

    private final Console console = new Console(new PrintStream(output, true, StandardCharsets.UTF_8));

    /**
     * Prints a line; on SIGTERM says goodbye, appends its name to the stop log and exits.
     */
    private List<String> polite(String name) {
        Path log = tmp.resolve("stops.log");
        return List.of("/bin/sh", "-c", "trap 'echo bye from " + name + "; echo " + name + " >> " + log
                + "; exit 0' TERM; " + "echo hello from " + name + "; while true; do sleep 0.1; done");
    }

    @Test
    void eachLineIsPrefixedAndChildrenStopNewestFirst() throws Exception {
        ProcessGroup group = new ProcessGroup(console, Duration.ofSeconds(10));
        group.start("kafka", polite("kafka"), tmp);
        group.start("relay", polite("relay"), tmp);
        group.start("gateway-1", polite("gateway-1"), tmp);
        await().atMost(Duration.ofSeconds(10))
            .until(() -> printed().contains("[gateway-1] hello from gateway-1")
                    && printed().contains("[kafka] hello from kafka")
                    && printed().contains("[relay] hello from relay"));

        List<ChildProcess> children = group.children();
        group.stopAll();

        assertThat(Files.readAllLines(tmp.resolve("stops.log"))).containsExactly("gateway-1", "relay", "kafka");
        assertThat(children).noneMatch(ChildProcess::isAlive);
        assertThat(printed()).contains("[platform] stopping gateway-1", "[platform] stopped");
        assertThat(printed()).as("what children print while stopping still reaches the console")
            .contains("[gateway-1] bye from gateway-1", "[kafka] bye from kafka");
        assertThat(group.stopping()).isTrue();
    }

    @Test
    void aChildThatIgnoresSigtermIsKilledAfterTheGracePeriod() {
        ProcessGroup group = new ProcessGroup(console, Duration.ofSeconds(1));
        ChildProcess stubborn = group.start("stubborn",
                List.of("/bin/sh", "-c", "trap '' TERM; echo ready; while true; do sleep 0.1; done"), tmp);
        await().atMost(Duration.ofSeconds(10)).until(() -> printed().contains("[stubborn] ready"));

        group.stopAll();

        assertThat(stubborn.isAlive()).isFalse();
    }

    @Test
    void nothingStartsOnceStoppingHasBegun() {
        ProcessGroup group = new ProcessGroup(console, Duration.ofSeconds(1));
        group.start("relay", polite("relay"), tmp);
        group.stopAll();

        assertThatThrownBy(() -> group.start("late", polite("late"), tmp)).hasMessageContaining("not starting late");
        assertThatThrownBy(() -> group.restart("relay")).hasMessageContaining("not starting relay");
        assertThat(group.children()).isEmpty();
    }

    @Test
    void onlyAChildThatHasExitedIsStartedAgainAndWithItsOwnCommand() throws Exception {
        ProcessGroup group = new ProcessGroup(console, Duration.ofSeconds(5));
        try {
            ChildProcess first = group.start("gateway-1", polite("gateway-1"), tmp);
            assertThatThrownBy(() -> group.restart("gateway-1")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("still running");
            await().atMost(Duration.ofSeconds(10)).until(() -> printed().contains("hello from gateway-1"));

            ProcessHandle.of(first.pid()).orElseThrow().destroyForcibly();
            first.waitFor();
            ChildProcess second = group.restart("gateway-1");

            assertThat(second.pid()).isNotEqualTo(first.pid());
            assertThat(group.children()).containsExactly(second);
            await().atMost(Duration.ofSeconds(10)).until(() -> printed().split("hello from gateway-1", -1).length == 3);
        }
        finally {
            group.stopAll();
        }
    }

    @Test
    void childrenRunInASessionOfTheirOwnSoACtrlCReachesOnlyTheLauncher() throws Exception {
        Path ownStat = Path.of("/proc/self/stat");
        assumeTrue(Files.isReadable(ownStat) && Files.isExecutable(Path.of("/usr/bin/setsid")),
                "Linux with setsid only");
        ProcessGroup group = new ProcessGroup(console, Duration.ofSeconds(5));
        ChildProcess child = group.start("relay", polite("relay"), tmp);
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> printed().contains("[relay] hello from relay"));

            assertThat(session(Path.of("/proc", Long.toString(child.pid()), "stat"))).isNotEqualTo(session(ownStat))
                .isEqualTo(child.pid());
        }
        finally {
            group.stopAll();
        }
    }

    /** Field 6 of /proc/PID/stat, after the command name in parentheses. */
    private static long session(Path stat) throws Exception {
        String text = Files.readString(stat);
        String[] fields = text.substring(text.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[3]);
    }

    @Test
    void theWatchdogStopsAChildOnceItsParentIsGone() throws Exception {
        Process parent = new ProcessBuilder("/bin/sh", "-c", "while true; do sleep 0.1; done").start();
        Process child = new ProcessBuilder(polite("orphan")).start();
        Process watchdog = Watchdog.guard(parent.pid(), child.pid()).orElseThrow();
        try {
            // Its hello comes after its trap: a SIGTERM before it would end the child
            // without a trace.
            assertThat(new java.io.BufferedReader(
                    new java.io.InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))
                .readLine()).isEqualTo("hello from orphan");
            parent.destroyForcibly().waitFor();

            await().atMost(Duration.ofSeconds(15)).until(() -> !child.isAlive());
            assertThat(Files.readAllLines(tmp.resolve("stops.log"))).as("it got SIGTERM first")
                .containsExactly("orphan");
            await().atMost(Duration.ofSeconds(5)).until(() -> !watchdog.isAlive());
        }
        finally {
            child.destroyForcibly();
            watchdog.destroyForcibly();
        }
    }

    private String printed() {
        return output.toString(StandardCharsets.UTF_8);
    }

}

package io.signaling.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class BenchCommandTest {

    private final StringWriter out = new StringWriter();

    private final StringWriter err = new StringWriter();

    private final CommandLine cli = BenchMain.commandLine()
        .setOut(new PrintWriter(out, true))
        .setErr(new PrintWriter(err, true));

    @Test
    void itsOwnJarAnswersAsSignalingBenchWithItsScenariosAndExitCodes() {
        assertThat(cli.execute("--help")).isZero();

        assertThat(out.toString()).startsWith("Usage: signaling bench")
            .contains("Scenarios:", "relay", "call-setup", "connect-storm", "idle-connections", "audit-replay",
                    "Exit codes:");
    }

    @Test
    void withoutAScenarioItListsTheScenariosAndExitsWithTwo() {
        assertThat(cli.execute()).isEqualTo(2);

        assertThat(err.toString()).startsWith("Usage: signaling bench")
            .contains("relay", "call-setup", "connect-storm", "idle-connections", "audit-replay");
    }

    @Test
    void anUnknownScenarioOrTheOldScenarioOptionExitsWithTwoAndSaysWhy() {
        assertThat(cli.execute("teleport")).isEqualTo(2);
        assertThat(err.toString()).contains("Unmatched argument at index 0: 'teleport'");

        assertThat(cli.execute("--scenario", "relay")).isEqualTo(2);
        assertThat(err.toString()).contains("Unknown option: '--scenario'");
    }

    @Test
    void eachScenarioAnswersItsOwnHelp() {
        assertThat(cli.execute("relay", "--help")).isZero();

        assertThat(out.toString()).contains("Usage: signaling bench relay")
            .contains("--rate", "--window", "--message-bytes", "--url", "--warmup", "--drain", "Exit codes:")
            .doesNotContain("--connect-only");
    }

    @Test
    void anUnreachablePlatformEndsWithExitCodeOneAndAReport(@TempDir Path dir) {
        // port 9 (discard) is closed on loopback: every /connect is refused at once
        int code = cli.execute("relay", "--url", "http://127.0.0.1:9", "--users", "2", "--warmup", "0s", "--duration",
                "1s", "--drain", "0s", "--timeout", "2s", "--report-dir", dir.toString());

        assertThat(code).isEqualTo(1);
        assertThat(dir.toFile().list()).anyMatch(f -> f.startsWith("relay-") && f.endsWith(".json"))
            .anyMatch(f -> f.startsWith("relay-") && f.endsWith(".md"));
    }

}

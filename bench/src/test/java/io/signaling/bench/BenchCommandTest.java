package io.signaling.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.signaling.bench.scenario.BenchSettings;
import io.signaling.bench.scenario.Scenario;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class BenchCommandTest {

    private static BenchSettings parse(String... args) {
        BenchCommand command = new BenchCommand();
        new CommandLine(command).parseArgs(args);
        return command.settings();
    }

    @Test
    void itsOwnJarAnswersAsSignalingBenchWithItsScenariosAndExitCodes() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = BenchMain.commandLine().setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true));

        assertThat(cli.execute("--help")).isZero();
        assertThat(out.toString()).startsWith("Usage: signaling bench")
            .contains("relay", "call-setup", "connect-storm", "idle-connections", "audit-replay", "Exit codes:");
        assertThat(cli.execute("--scenario", "teleport")).isEqualTo(2);
        assertThat(err.toString()).contains("unknown scenario 'teleport'");
    }

    @Test
    void defaultsAreTheIssuesRelayRun() {
        BenchSettings s = parse();

        assertThat(s.url()).isEqualTo(URI.create("http://127.0.0.1:8080"));
        assertThat(s.scenario()).isEqualTo(Scenario.RELAY);
        assertThat(s.rate()).isEqualTo(2000);
        assertThat(s.messageBytes()).isEqualTo(600);
        assertThat(s.warmup()).isEqualTo(Duration.ofSeconds(5));
        assertThat(s.duration()).isEqualTo(Duration.ofSeconds(30));
        assertThat(s.runId()).matches("[a-z0-9]{6}");
    }

    @Test
    void eachScenarioHasItsOwnDefaultRate() {
        assertThat(parse("--scenario", "call-setup").rate()).isEqualTo(100);
        assertThat(parse("--scenario", "connect-storm").rate()).isZero();
        assertThat(parse("--scenario", "relay", "--rate", "0").rate()).isZero();
    }

    @Test
    void readsEveryOption() {
        BenchSettings s = parse("--url", "http://127.0.0.1:9080", "--scenario", "idle-connections", "--users", "20000",
                "--message-bytes", "1200", "--warmup", "0s", "--duration", "2m", "--report-dir", "out", "--window", "8",
                "--concurrency", "200", "--drain", "10s", "--timeout", "20s", "--io-clients", "4", "--connect-only",
                "--scrape", "http://127.0.0.1:9999", "--run-id", "Run_1");

        assertThat(s.scenario()).isEqualTo(Scenario.IDLE_CONNECTIONS);
        assertThat(s.users()).isEqualTo(20000);
        assertThat(s.duration()).isEqualTo(Duration.ofMinutes(2));
        assertThat(s.concurrency()).isEqualTo(200);
        assertThat(s.ioClients()).isEqualTo(4);
        assertThat(s.connectOnly()).isTrue();
        assertThat(s.scrape()).containsExactly(URI.create("http://127.0.0.1:9999"));
        assertThat(s.runId()).isEqualTo("run_1");
    }

    @Test
    void badArgumentsExitWithTwoAndSayWhy() {
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new BenchCommand());
        cli.setErr(new PrintWriter(err));

        assertThat(cli.execute("--scenario", "teleport")).isEqualTo(2);
        assertThat(err.toString()).contains("unknown scenario 'teleport'");
        assertThat(cli.execute("--users", "0")).isEqualTo(2);
        assertThat(cli.execute("--rate", "-5")).isEqualTo(2);
    }

    @Test
    void helpListsTheScenariosAndTheAuditReplaySubcommand() {
        StringWriter out = new StringWriter();
        CommandLine cli = new CommandLine(new BenchCommand());
        cli.setOut(new PrintWriter(out));

        assertThat(cli.execute("--help")).isZero();
        assertThat(out.toString()).contains("relay", "call-setup", "connect-storm", "idle-connections", "audit-replay");
    }

    @Test
    void anUnreachablePlatformEndsWithExitCodeOneAndAReport(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        // port 9 (discard) is closed on loopback: every /connect is refused at once
        int code = new CommandLine(new BenchCommand()).execute("--url", "http://127.0.0.1:9", "--users", "2",
                "--warmup", "0s", "--duration", "1s", "--drain", "0s", "--timeout", "2s", "--report-dir",
                dir.toString());

        assertThat(code).isEqualTo(1);
        assertThat(dir.toFile().list()).anyMatch(f -> f.startsWith("relay-") && f.endsWith(".json"));
    }

}

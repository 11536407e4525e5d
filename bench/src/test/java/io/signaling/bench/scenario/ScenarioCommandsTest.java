package io.signaling.bench.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Each scenario's subcommand reads its own options and the shared ones, and refuses a bad
 * value with exit code 2 and a message naming the option (nothing is run: no platform
 * needed).
 */
class ScenarioCommandsTest {

    private final StringWriter err = new StringWriter();

    private static <T> T parse(T command, String... args) {
        new CommandLine(command).parseArgs(args);
        return command;
    }

    /** Runs the command; every case here fails its checks before connecting anything. */
    private int execute(Object command, String... args) {
        return new CommandLine(command).setErr(new PrintWriter(err, true)).execute(args);
    }

    @Test
    void relayDefaultsAreTheIssuesRun() {
        RelayCommand relay = parse(new RelayCommand());
        RunSettings s = relay.settings();

        assertThat(s.scenario()).isEqualTo("relay");
        assertThat(s.url()).isEqualTo(URI.create("http://127.0.0.1:8080"));
        assertThat(s.users()).isEqualTo(100);
        assertThat(relay.rate).isEqualTo(2000);
        assertThat(relay.messageBytes).isEqualTo(600);
        assertThat(relay.window).isEqualTo(4);
        assertThat(s.warmup()).isEqualTo(Duration.ofSeconds(5));
        assertThat(s.duration()).isEqualTo(Duration.ofSeconds(30));
        assertThat(s.drain()).isEqualTo(Duration.ofSeconds(5));
        assertThat(s.runId()).matches("[a-z0-9]{6}");
    }

    @Test
    void relayReadsItsOwnAndTheSharedOptions() {
        RelayCommand relay = parse(new RelayCommand(), "--url", "http://127.0.0.1:9080", "--users", "200", "--rate",
                "0", "--window", "8", "--message-bytes", "1200", "--warmup", "0s", "--duration", "2m", "--drain", "10s",
                "--report-dir", "out", "--concurrency", "200", "--timeout", "20s", "--io-clients", "4", "--scrape",
                "http://127.0.0.1:9999", "--management-port-offset", "1000", "--run-id", "Run_1");
        RunSettings s = relay.settings();

        assertThat(relay.rate).isZero();
        assertThat(relay.window).isEqualTo(8);
        assertThat(relay.messageBytes).isEqualTo(1200);
        assertThat(s.url()).isEqualTo(URI.create("http://127.0.0.1:9080"));
        assertThat(s.users()).isEqualTo(200);
        assertThat(s.warmup()).isZero();
        assertThat(s.duration()).isEqualTo(Duration.ofMinutes(2));
        assertThat(s.drain()).isEqualTo(Duration.ofSeconds(10));
        assertThat(s.reportDir()).isEqualTo(Path.of("out"));
        assertThat(s.concurrency()).isEqualTo(200);
        assertThat(s.timeout()).isEqualTo(Duration.ofSeconds(20));
        assertThat(s.ioClients()).isEqualTo(4);
        assertThat(s.scrape()).containsExactly(URI.create("http://127.0.0.1:9999"));
        assertThat(s.managementPortOffset()).isEqualTo(1000);
        assertThat(s.runId()).isEqualTo("run_1");
    }

    @Test
    void callSetupHasItsOwnRateDefault() {
        CallSetupCommand calls = parse(new CallSetupCommand());

        assertThat(calls.rate).isEqualTo(100);
        assertThat(calls.settings().scenario()).isEqualTo("call-setup");
        assertThat(parse(new CallSetupCommand(), "--rate", "4", "--users", "8").settings().users()).isEqualTo(8);
    }

    @Test
    void connectStormIsClosedLoopByDefaultAndReadsConnectOnly() {
        ConnectStormCommand storm = parse(new ConnectStormCommand());
        assertThat(storm.rate).isZero();
        assertThat(storm.connectOnly).isFalse();

        storm = parse(new ConnectStormCommand(), "--connect-only", "--rate", "50", "--concurrency", "4");
        assertThat(storm.connectOnly).isTrue();
        assertThat(storm.rate).isEqualTo(50);
        assertThat(storm.settings().concurrency()).isEqualTo(4);
        assertThat(storm.settings().scenario()).isEqualTo("connect-storm");
    }

    @Test
    void idleConnectionsHoldsForTheDurationWithoutWarmupOrDrain() {
        RunSettings s = parse(new IdleConnectionsCommand(), "--users", "20000", "--duration", "60s").settings();

        assertThat(s.scenario()).isEqualTo("idle-connections");
        assertThat(s.users()).isEqualTo(20000);
        assertThat(s.duration()).isEqualTo(Duration.ofSeconds(60));
        assertThat(s.warmup()).isZero();
        assertThat(s.drain()).isZero();
    }

    @Test
    void anotherScenariosOptionIsRefused() {
        assertThat(execute(new RelayCommand(), "--connect-only")).isEqualTo(2);
        assertThat(execute(new ConnectStormCommand(), "--window", "4")).isEqualTo(2);
        assertThat(execute(new ConnectStormCommand(), "--users", "4")).isEqualTo(2);
        assertThat(execute(new IdleConnectionsCommand(), "--rate", "10")).isEqualTo(2);
        assertThat(execute(new IdleConnectionsCommand(), "--warmup", "1s")).isEqualTo(2);
        assertThat(execute(new CallSetupCommand(), "--message-bytes", "10")).isEqualTo(2);

        // picocli: "Unknown option: '--connect-only'", "Unknown options: '--window', '4'"
        assertThat(err.toString()).contains("Unknown option: '--connect-only'", "Unknown options: '--window'",
                "Unknown options: '--users'", "Unknown options: '--rate'", "Unknown options: '--warmup'",
                "Unknown options: '--message-bytes'");
    }

    @Test
    void badValuesExitWithTwoAndSayWhichOption() {
        assertThat(execute(new RelayCommand(), "--users", "1")).isEqualTo(2);
        assertThat(execute(new RelayCommand(), "--rate", "-5")).isEqualTo(2);
        assertThat(execute(new RelayCommand(), "--window", "0")).isEqualTo(2);
        assertThat(execute(new RelayCommand(), "--message-bytes", "0")).isEqualTo(2);
        assertThat(execute(new CallSetupCommand(), "--rate", "0")).isEqualTo(2);
        assertThat(execute(new ConnectStormCommand(), "--rate", "-1")).isEqualTo(2);
        assertThat(execute(new IdleConnectionsCommand(), "--users", "0")).isEqualTo(2);

        assertThat(err.toString()).contains("--users must be at least 2 (users are paired)",
                "--rate must not be negative", "--window must be at least 1",
                "--message-bytes must be between 1 and 1048576",
                "--rate must be positive (call-setup is open loop only)", "--users must be at least 1");
    }

    @Test
    void badSharedValuesAreRefusedByEveryScenario() {
        assertThat(execute(new RelayCommand(), "--concurrency", "0")).isEqualTo(2);
        assertThat(execute(new CallSetupCommand(), "--duration", "0s")).isEqualTo(2);
        assertThat(execute(new ConnectStormCommand(), "--io-clients", "0")).isEqualTo(2);
        assertThat(execute(new IdleConnectionsCommand(), "--run-id", "not-allowed!")).isEqualTo(2);
        assertThat(execute(new IdleConnectionsCommand(), "--duration", "soon")).isEqualTo(2);

        assertThat(err.toString()).contains("--concurrency must be at least 1", "--duration must be positive",
                "--io-clients must be at least 1", "--run-id: 1 to 16 letters, digits or _",
                "Invalid value for option '--duration'");
    }

}

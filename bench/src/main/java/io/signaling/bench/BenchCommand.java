package io.signaling.bench;

import io.signaling.bench.audit.AuditReplayCommand;
import io.signaling.bench.cli.DurationConverter;
import io.signaling.bench.report.BenchReport;
import io.signaling.bench.report.ReportWriter;
import io.signaling.bench.scenario.BenchSettings;
import io.signaling.bench.scenario.Scenario;
import io.signaling.bench.scenario.ScenarioRunner;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code signaling bench}: drives a running platform with virtual users over real SockJS
 * websockets and reports what it measured. {@link BenchMain} runs it from the tool's own
 * jar.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false, subcommands = AuditReplayCommand.class,
        description = {
                "Drives a running platform (bin/signaling platform) with virtual users over real SockJS websockets and",
                "reports sent, received, lost, duplicated, reordered, throughput, one-way latency percentiles, connect",
                "latency and the tool's own CPU; a JSON report and a Markdown summary go to --report-dir." },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = { "0:the run finished and its report was written",
                "1:no user could connect (is the platform up?)", "2:bad arguments" },
        footer = { "", "Scenarios:",
                "  relay             pairs of users on different gateways stream signals both ways (--rate signals/s)",
                "  call-setup        offer + answer + 10 ICE candidates each way per call (--rate calls/s)",
                "  connect-storm     /connect + SockJS open + close per new user (--rate sessions/s, 0: --concurrency loops)",
                "  idle-connections  open --users connections, hold them --duration, report the gateways' heap", "",
                "Examples:", "  signaling bench --scenario relay --users 100 --rate 2000 --duration 30s",
                "  signaling bench --scenario call-setup --users 200 --rate 100",
                "  signaling bench --scenario connect-storm --concurrency 64 --duration 20s",
                "  signaling bench --scenario idle-connections --users 20000 --concurrency 200 --duration 60s",
                "  signaling bench audit-replay --bootstrap-servers 127.0.0.1:9092 --records 1000000" })
public final class BenchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--url", defaultValue = "http://127.0.0.1:8080", paramLabel = "URL",
            description = "session-service (POST /connect). Default: ${DEFAULT-VALUE}.")
    URI url;

    @Option(names = "--scenario", defaultValue = "relay", paramLabel = "NAME",
            description = "relay, call-setup, connect-storm or idle-connections. Default: ${DEFAULT-VALUE}.")
    String scenario;

    @Option(names = "--users", defaultValue = "100", paramLabel = "N",
            description = "Virtual users (paired for relay and call-setup). Default: ${DEFAULT-VALUE}.")
    int users;

    @Option(names = "--rate", paramLabel = "PER_SECOND",
            description = "Open loop: signals/s (relay, default 2000), calls/s (call-setup, default 100), sessions/s "
                    + "(connect-storm, default 0). 0 = closed loop at maximum.")
    Double rate;

    @Option(names = "--message-bytes", defaultValue = "600", paramLabel = "BYTES",
            description = "Size of one relay message as sent (JSON text), like an SDP or ICE signal. Default: ${DEFAULT-VALUE}.")
    int messageBytes;

    @Option(names = "--warmup", defaultValue = "5s", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "Load before the measured window (not in rates or latencies). Default: ${DEFAULT-VALUE}.")
    Duration warmup;

    @Option(names = "--duration", defaultValue = "30s", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "The measured window (idle-connections: how long to hold). Default: ${DEFAULT-VALUE}.")
    Duration duration;

    @Option(names = "--report-dir", defaultValue = "bench-reports", paramLabel = "DIR",
            description = "Where <scenario>-<time>.json and .md go. Default: ${DEFAULT-VALUE}.")
    Path reportDir;

    @Option(names = "--window", defaultValue = "4", paramLabel = "N",
            description = "Closed-loop relay: signals in flight per stream. Default: ${DEFAULT-VALUE}.")
    int window;

    @Option(names = "--concurrency", defaultValue = "64", paramLabel = "N",
            description = "Connects in flight at once; connect-storm's workers in closed loop. Default: ${DEFAULT-VALUE}.")
    int concurrency;

    @Option(names = "--drain", defaultValue = "5s", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "After the window, how long to wait for signals in flight before counting them lost. Default: ${DEFAULT-VALUE}.")
    Duration drain;

    @Option(names = "--timeout", defaultValue = "10s", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "Per /connect and per SockJS handshake. Default: ${DEFAULT-VALUE}.")
    Duration timeout;

    @Option(names = "--io-clients", defaultValue = "2", paramLabel = "N",
            description = "HTTP clients the websockets are spread over (one selector thread each). Default: ${DEFAULT-VALUE}.")
    int ioClients;

    @Option(names = "--connect-only",
            description = "connect-storm: only POST /connect, never open the socket (sessions expire after their TTL).")
    boolean connectOnly;

    @Option(names = "--scrape", paramLabel = "URL",
            description = "Another service to sample via /actuator/prometheus (CPU, heap): its management URL, e.g. "
                    + "the relay's. Session-service and the gateways are sampled anyway.")
    List<URI> scrape = new ArrayList<>();

    @Option(names = "--management-port-offset", defaultValue = "100", paramLabel = "N",
            description = "Session-service's and each gateway's actuator listens on its port plus N (bin/signaling "
                    + "platform's layout and the services' defaults: 8080 -> 8180). Default: ${DEFAULT-VALUE}.")
    int managementPortOffset;

    @Option(names = "--run-id", paramLabel = "ID",
            description = "Part of every userId of this run (default: random), so runs never collide.")
    String runId;

    @Override
    public Integer call() {
        BenchSettings settings = settings();
        spec.commandLine().getOut().flush();
        BenchReport report = ScenarioRunner.run(settings, System.out);
        Path json = ReportWriter.write(report, settings.reportDir());
        System.out.println();
        System.out.print(ReportWriter.markdown(report));
        System.out.println();
        System.out.println("report: " + json.toAbsolutePath() + " (and .md)");
        boolean nobody = report.connect() != null && report.connect().succeeded() == 0;
        return nobody ? 1 : 0;
    }

    BenchSettings settings() {
        Scenario chosen;
        try {
            chosen = Scenario.of(scenario);
        }
        catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        require(users >= 1, "--users must be at least 1");
        require(messageBytes >= 1 && messageBytes <= 1 << 20, "--message-bytes must be between 1 and 1048576");
        require(window >= 1, "--window must be at least 1");
        require(concurrency >= 1, "--concurrency must be at least 1");
        require(ioClients >= 1, "--io-clients must be at least 1");
        require(!duration.isZero() && !duration.isNegative(), "--duration must be positive");
        double r = rate != null ? rate : defaultRate(chosen);
        require(r >= 0, "--rate must not be negative");
        String id = runId != null ? runId : Long
            .toString(ThreadLocalRandom.current().nextLong(36L * 36 * 36 * 36 * 36, 36L * 36 * 36 * 36 * 36 * 36), 36);
        require(id.matches("[A-Za-z0-9_]{1,16}"), "--run-id: 1 to 16 letters, digits or _");
        return new BenchSettings(url, chosen, users, r, messageBytes, warmup, duration, reportDir, window, concurrency,
                drain, timeout, ioClients, connectOnly, id.toLowerCase(Locale.ROOT), scrape, managementPortOffset);
    }

    static double defaultRate(Scenario scenario) {
        if (scenario == Scenario.RELAY) {
            return 2000;
        }
        if (scenario == Scenario.CALL_SETUP) {
            return 100;
        }
        return 0;
    }

    private void require(boolean condition, String message) {
        if (!condition) {
            throw new ParameterException(spec.commandLine(), message);
        }
    }

}

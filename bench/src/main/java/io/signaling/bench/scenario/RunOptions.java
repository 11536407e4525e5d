package io.signaling.bench.scenario;

import static io.signaling.bench.scenario.Arguments.require;

import io.signaling.bench.cli.DurationConverter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The options every scenario has: where the platform is, how long to run, where the
 * report goes, how the tool connects and what it samples (a picocli mixin).
 */
public final class RunOptions {

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--url", defaultValue = "http://127.0.0.1:8080", paramLabel = "URL",
            description = "session-service (POST /connect). Default: ${DEFAULT-VALUE}.")
    URI url;

    @Option(names = "--duration", defaultValue = "30s", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "The measured window. Default: ${DEFAULT-VALUE}.")
    Duration duration;

    @Option(names = "--report-dir", defaultValue = "bench-reports", paramLabel = "DIR",
            description = "Where <scenario>-<time>.json and .md go. Default: ${DEFAULT-VALUE}.")
    Path reportDir;

    @Option(names = "--concurrency", defaultValue = "64", paramLabel = "N",
            description = "Connects in flight at once. Default: ${DEFAULT-VALUE}.")
    int concurrency;

    @Option(names = "--timeout", defaultValue = "10s", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "Per /connect and per SockJS handshake. Default: ${DEFAULT-VALUE}.")
    Duration timeout;

    @Option(names = "--io-clients", defaultValue = "2", paramLabel = "N",
            description = "HTTP clients the websockets are spread over (one selector thread each). Default: ${DEFAULT-VALUE}.")
    int ioClients;

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

    /** For a scenario with a warm-up and a drain. */
    RunSettings settings(String scenario, int users, LoadOptions load) {
        return settings(scenario, users, load.warmup, load.drain);
    }

    /**
     * Checks the shared options (a bad one is a picocli error: exit code 2) and returns
     * them with the scenario's.
     */
    RunSettings settings(String scenario, int users, Duration warmup, Duration drain) {
        require(spec, concurrency >= 1, "--concurrency must be at least 1");
        require(spec, ioClients >= 1, "--io-clients must be at least 1");
        require(spec, !duration.isZero() && !duration.isNegative(), "--duration must be positive");
        require(spec, !warmup.isNegative(), "--warmup must not be negative");
        require(spec, !drain.isNegative(), "--drain must not be negative");
        require(spec, !timeout.isZero() && !timeout.isNegative(), "--timeout must be positive");
        String id = runId != null ? runId : Long
            .toString(ThreadLocalRandom.current().nextLong(36L * 36 * 36 * 36 * 36, 36L * 36 * 36 * 36 * 36 * 36), 36);
        require(spec, id.matches("[A-Za-z0-9_]{1,16}"), "--run-id: 1 to 16 letters, digits or _");
        return new RunSettings(scenario, url, users, warmup, duration, drain, reportDir, concurrency, timeout,
                ioClients, id.toLowerCase(Locale.ROOT), scrape, managementPortOffset);
    }

}

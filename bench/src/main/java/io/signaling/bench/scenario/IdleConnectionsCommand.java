package io.signaling.bench.scenario;

import io.signaling.bench.report.ScenarioReport;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code signaling bench idle-connections}. */
@Command(name = "idle-connections",
        header = "Opens --users connections, holds them --duration, reports the gateways' heap.",
        description = "Opens --users SockJS connections (each with its session), holds them --duration while SockJS "
                + "heartbeats flow, and reports what the gateways' heaps hold per connection.")
public final class IdleConnectionsCommand extends ScenarioCommand {

    @Option(names = "--users", defaultValue = "100", paramLabel = "N",
            description = "Connections to open and hold. Default: ${DEFAULT-VALUE}.")
    int users;

    @Override
    ScenarioReport scenario(ScenarioRun r) {
        return new IdleConnectionsScenario(r).run();
    }

    @Override
    RunSettings settings() {
        require(users >= 1, "--users must be at least 1");
        // the hold starts once everyone is connected: no warm-up, nothing to drain
        return run.settings(spec.name(), users, Duration.ZERO, Duration.ZERO);
    }

}

package io.signaling.bench.scenario;

import static io.signaling.bench.scenario.Arguments.require;

import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code signaling bench idle-connections}. */
@Command(name = "idle-connections", mixinStandardHelpOptions = true, sortOptions = false,
        header = "Opens --users connections, holds them --duration, reports the gateways' heap.",
        description = "Opens --users SockJS connections (each with its session), holds them --duration while SockJS "
                + "heartbeats flow, and reports what the gateways' heaps hold per connection.",
        exitCodeListHeading = "%nExit codes:%n", exitCodeList = { "0:the run finished and its report was written",
                "1:no user could connect (is the platform up?)", "2:bad arguments" })
public final class IdleConnectionsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    RunOptions run;

    @Option(names = "--users", defaultValue = "100", paramLabel = "N",
            description = "Connections to open and hold. Default: ${DEFAULT-VALUE}.")
    int users;

    @Override
    public Integer call() {
        RunSettings settings = settings();
        return ScenarioLauncher.run(settings, false, r -> new IdleConnectionsScenario(r).run());
    }

    RunSettings settings() {
        require(spec, users >= 1, "--users must be at least 1");
        // the hold starts once everyone is connected: no warm-up, nothing to drain
        return run.settings(spec.name(), users, Duration.ZERO, Duration.ZERO);
    }

}

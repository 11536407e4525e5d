package io.signaling.bench.scenario;

import static io.signaling.bench.scenario.Arguments.require;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code signaling bench connect-storm}. */
@Command(name = "connect-storm", mixinStandardHelpOptions = true, sortOptions = false,
        header = "/connect + SockJS open + close per new user (--rate sessions/s; 0: --concurrency loops).",
        description = "Sessions per second: each cycle is a new user, POST /connect, SockJS open, close (the gateway "
                + "deletes the session); with --connect-only just POST /connect. Closed loop (--rate 0): "
                + "--concurrency cycles always in flight; open loop: --rate cycles started per second.",
        exitCodeListHeading = "%nExit codes:%n", exitCodeList = { "0:the run finished and its report was written",
                "1:no user could connect (is the platform up?)", "2:bad arguments" })
public final class ConnectStormCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    RunOptions run;

    @Mixin
    LoadOptions load;

    @Option(names = "--rate", defaultValue = "0", paramLabel = "PER_SECOND",
            description = "Sessions started per second (open loop); 0 = --concurrency always in flight. "
                    + "Default: ${DEFAULT-VALUE}.")
    double rate;

    @Option(names = "--connect-only",
            description = "Only POST /connect, never open the socket (the sessions expire after their TTL).")
    boolean connectOnly;

    @Override
    public Integer call() {
        RunSettings settings = settings();
        return ScenarioLauncher.run(settings, true, r -> new ConnectStormScenario(r, rate, connectOnly).run());
    }

    RunSettings settings() {
        require(spec, rate >= 0, "--rate must not be negative");
        // every cycle is a new user: there is no --users
        return run.settings(spec.name(), 0, load);
    }

}

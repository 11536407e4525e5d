package io.signaling.bench.scenario;

import io.signaling.bench.report.ScenarioReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code signaling bench connect-storm}. */
@Command(name = "connect-storm",
        header = "/connect + SockJS open + close per new user (--rate sessions/s; 0: --concurrency loops).",
        description = "Sessions per second: each cycle is a new user, POST /connect, SockJS open, close (the gateway "
                + "deletes the session); with --connect-only just POST /connect. Closed loop (--rate 0): "
                + "--concurrency cycles always in flight; open loop: --rate cycles started per second.")
public final class ConnectStormCommand extends ScenarioCommand.Loaded {

    @Option(names = "--rate", defaultValue = "0", paramLabel = "PER_SECOND",
            description = "Sessions started per second (open loop); 0 = --concurrency always in flight. "
                    + "Default: ${DEFAULT-VALUE}.")
    double rate;

    @Option(names = "--connect-only",
            description = "Only POST /connect, never open the socket (the sessions expire after their TTL).")
    boolean connectOnly;

    @Override
    ScenarioReport scenario(ScenarioRun r) {
        return new ConnectStormScenario(r, rate, connectOnly).run();
    }

    @Override
    boolean connectsInWindowOnly() {
        return true;
    }

    @Override
    RunSettings settings() {
        require(rate >= 0, "--rate must not be negative");
        // every cycle is a new user: there is no --users
        return run.settings(spec.name(), 0, load);
    }

}

package io.signaling.bench.scenario;

import io.signaling.bench.report.ScenarioReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code signaling bench call-setup}. */
@Command(name = "call-setup", header = "Offer + answer + 10 ICE candidates each way per call (--rate calls/s).",
        description = "Calls as browser pairs make them: an SDP offer and 10 ICE candidates one way, the answer and 10 "
                + "candidates back. --rate calls/s start on idle pairs (open loop only); reports calls completed "
                + "per second and the setup time (offer sent until both sides hold everything).")
public final class CallSetupCommand extends ScenarioCommand.Loaded {

    @Option(names = "--users", defaultValue = "100", paramLabel = "N",
            description = "Virtual users, paired; a pair holds one call at a time. Default: ${DEFAULT-VALUE}.")
    int users;

    @Option(names = "--rate", defaultValue = "100", paramLabel = "PER_SECOND",
            description = "Calls started per second. Default: ${DEFAULT-VALUE}.")
    double rate;

    @Override
    ScenarioReport scenario(ScenarioRun r) {
        return new CallSetupScenario(r, rate).run();
    }

    @Override
    RunSettings settings() {
        require(users >= 2, "--users must be at least 2 (users are paired)");
        require(rate > 0, "--rate must be positive (call-setup is open loop only)");
        return run.settings(spec.name(), users, load);
    }

}

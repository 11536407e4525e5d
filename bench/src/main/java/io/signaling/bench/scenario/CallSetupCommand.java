package io.signaling.bench.scenario;

import static io.signaling.bench.scenario.Arguments.require;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code signaling bench call-setup}. */
@Command(name = "call-setup", mixinStandardHelpOptions = true, sortOptions = false,
        header = "Offer + answer + 10 ICE candidates each way per call (--rate calls/s).",
        description = "Calls as browser pairs make them: an SDP offer and 10 ICE candidates one way, the answer and 10 "
                + "candidates back. --rate calls/s start on idle pairs (open loop only); reports calls completed "
                + "per second and the setup time (offer sent until both sides hold everything).",
        exitCodeListHeading = "%nExit codes:%n", exitCodeList = { "0:the run finished and its report was written",
                "1:no user could connect (is the platform up?)", "2:bad arguments" })
public final class CallSetupCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    RunOptions run;

    @Mixin
    LoadOptions load;

    @Option(names = "--users", defaultValue = "100", paramLabel = "N",
            description = "Virtual users, paired; a pair holds one call at a time. Default: ${DEFAULT-VALUE}.")
    int users;

    @Option(names = "--rate", defaultValue = "100", paramLabel = "PER_SECOND",
            description = "Calls started per second. Default: ${DEFAULT-VALUE}.")
    double rate;

    @Override
    public Integer call() {
        RunSettings settings = settings();
        return ScenarioLauncher.run(settings, false, r -> new CallSetupScenario(r, rate).run());
    }

    RunSettings settings() {
        require(spec, users >= 2, "--users must be at least 2 (users are paired)");
        require(spec, rate > 0, "--rate must be positive (call-setup is open loop only)");
        return run.settings(spec.name(), users, load);
    }

}

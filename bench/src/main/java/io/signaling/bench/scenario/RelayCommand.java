package io.signaling.bench.scenario;

import io.signaling.bench.report.ScenarioReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code signaling bench relay}. */
@Command(name = "relay",
        header = "Pairs of users across gateways stream signals both ways (--rate signals/s; 0: closed loop).",
        description = "Pairs of users on different gateways stream signals to each other, both ways. Open loop: --rate "
                + "signals/s in all, round robin over the streams. Closed loop (--rate 0): each stream keeps "
                + "--window signals in flight. Reports sent, received, lost, duplicated, reordered, throughput and "
                + "one-way latency percentiles.")
public final class RelayCommand extends ScenarioCommand.Loaded {

    @Option(names = "--users", defaultValue = "100", paramLabel = "N",
            description = "Virtual users, paired (an odd one out stays home). Default: ${DEFAULT-VALUE}.")
    int users;

    @Option(names = "--rate", defaultValue = "2000", paramLabel = "PER_SECOND",
            description = "Signals/s in all (open loop); 0 = closed loop at maximum. Default: ${DEFAULT-VALUE}.")
    double rate;

    @Option(names = "--message-bytes", defaultValue = "600", paramLabel = "BYTES",
            description = "Size of one message as sent (JSON text), like an SDP or ICE signal. Default: ${DEFAULT-VALUE}.")
    int messageBytes;

    @Option(names = "--window", defaultValue = "4", paramLabel = "N",
            description = "Closed loop (--rate 0): signals in flight per stream. Default: ${DEFAULT-VALUE}.")
    int window;

    @Override
    ScenarioReport scenario(ScenarioRun r) {
        return new RelayScenario(r, rate, messageBytes, window).run();
    }

    @Override
    RunSettings settings() {
        require(users >= 2, "--users must be at least 2 (users are paired)");
        require(rate >= 0, "--rate must not be negative");
        require(messageBytes >= 1 && messageBytes <= 1 << 20, "--message-bytes must be between 1 and 1048576");
        require(window >= 1, "--window must be at least 1");
        return run.settings(spec.name(), users, load);
    }

}

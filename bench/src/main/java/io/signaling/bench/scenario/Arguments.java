package io.signaling.bench.scenario;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** A bad option value: picocli prints the message and the usage, and exits with 2. */
final class Arguments {

    private Arguments() {
    }

    static void require(CommandSpec spec, boolean condition, String message) {
        if (!condition) {
            throw new ParameterException(spec.commandLine(), message);
        }
    }

}

package io.signaling.bench;

import picocli.CommandLine;

/**
 * The load tool's own executable jar ({@code bench/target/bench-<version>-exec.jar}),
 * which {@code bin/signaling bench} runs: the tool is not on the launcher's class path.
 */
public final class BenchMain {

    private BenchMain() {
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** Named as users type it: {@code signaling bench}. */
    static CommandLine commandLine() {
        return new CommandLine(new BenchCommand()).setCommandName("signaling bench");
    }

}

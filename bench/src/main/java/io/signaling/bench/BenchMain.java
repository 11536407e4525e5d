package io.signaling.bench;

import picocli.CommandLine;

/** Runs {@link BenchCommand} on its own: {@code java -cp target/benchmarks.jar io.signaling.bench.BenchMain --help}. */
public final class BenchMain {

    private BenchMain() {
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new BenchCommand()).execute(args));
    }
}

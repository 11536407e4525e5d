package io.signaling.bench.scenario;

import io.signaling.bench.cli.DurationConverter;
import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * The options of the scenarios that put load on for a while and then wait for it to
 * settle: relay, call-setup and connect-storm (a picocli mixin).
 */
public final class LoadOptions {

    @Option(names = "--warmup", defaultValue = "5s", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "Load before the measured window (not in rates or latencies). Default: ${DEFAULT-VALUE}.")
    Duration warmup;

    @Option(names = "--drain", defaultValue = "5s", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "After the window, how long to wait for work in flight before counting it lost. Default: ${DEFAULT-VALUE}.")
    Duration drain;

}

package io.signaling.bench;

import io.signaling.bench.audit.AuditReplayCommand;
import io.signaling.bench.scenario.CallSetupCommand;
import io.signaling.bench.scenario.ConnectStormCommand;
import io.signaling.bench.scenario.IdleConnectionsCommand;
import io.signaling.bench.scenario.RelayCommand;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code signaling bench}: drives a running platform with virtual users over real SockJS
 * websockets and reports what it measured, one subcommand per scenario, each with its own
 * options and report. {@link BenchMain} runs it from the tool's own jar.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        subcommands = { RelayCommand.class, CallSetupCommand.class, ConnectStormCommand.class,
                IdleConnectionsCommand.class, AuditReplayCommand.class },
        description = { "Drives a running platform (bin/signaling platform) with virtual users over real SockJS "
                + "websockets and reports what it measured; a JSON report and a Markdown summary go to --report-dir.",
                "'signaling bench SCENARIO --help' lists a scenario's options." },
        commandListHeading = "%nScenarios:%n", exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = { "0:the run finished and its report was written",
                "1:no user could connect (is the platform up?)", "2:bad arguments, or no scenario named" },
        footer = { "", "Examples:", "  signaling bench relay --users 100 --rate 2000 --duration 30s",
                "  signaling bench relay --users 200 --rate 0 --window 4 --duration 20s",
                "  signaling bench call-setup --users 200 --rate 100",
                "  signaling bench connect-storm --concurrency 64 --duration 20s",
                "  signaling bench idle-connections --users 20000 --concurrency 200 --duration 60s",
                "  signaling bench audit-replay --bootstrap-servers 127.0.0.1:9092 --records 1000000" })
public final class BenchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    /** Without a scenario there is nothing to run: show which there are. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return 2;
    }

}

package io.signaling.platform;

import io.signaling.audit.cli.AuditCommand;
import io.signaling.platform.launch.PlatformCommand;
import io.signaling.platform.service.GatewayCommand;
import io.signaling.platform.service.RelayCommand;
import io.signaling.platform.service.SessionServiceCommand;
import io.signaling.platform.topics.TopicsCommand;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code bin/signaling}: the one front door. Each subcommand is a class of its own, from
 * this module or from the tool's module (audit). {@code bin/signaling bench} runs the
 * load tool's own jar instead (bench), so the tool is not on the launcher's class path.
 */
@Command(name = "signaling", mixinStandardHelpOptions = true, versionProvider = SignalingCli.Version.class,
        description = "Kafka-backed WebRTC signaling: run the whole platform on one machine, or one service alone.",
        subcommands = { PlatformCommand.class, SessionServiceCommand.class, RelayCommand.class, GatewayCommand.class,
                TopicsCommand.class, AuditCommand.class, CommandLine.HelpCommand.class },
        footer = { "", "The whole platform on this machine (a local Kafka broker included):",
                "  signaling platform [--http-port 8080] [--gateways 2]",
                "                     [--bootstrap-servers HOST:PORT] [--data-dir DIR]", "",
                "Each service alone, against any Kafka cluster (e.g. one machine each), once its topics exist:",
                "  signaling topics create --bootstrap-servers kafka-1:9092",
                "every argument is a Spring property, --name=value:",
                "  signaling relay --spring.kafka.bootstrap-servers=kafka-1:9092 \\",
                "      --signaling.relay.state-dir=/var/lib/relay",
                "  signaling session-service --spring.kafka.bootstrap-servers=kafka-1:9092 \\",
                "      --server.port=8080", "  signaling gateway --spring.kafka.bootstrap-servers=kafka-1:9092 \\",
                "      --server.port=8081 --signaling.gateway.id=gateway-1 \\",
                "      --signaling.gateway.listening-address=http://host-1:8081/ws \\",
                "      --signaling.gateway.delivery-partitions=0",
                "All services of one platform, and 'topics create', share the same --signaling.topics.* values.", "",
                "The signaling history (session events and signals) of a running platform:",
                "  signaling audit replay [--user ID] [--since T] [--until T] [--format text|jsonl] [--redact] [--follow]",
                "  signaling audit rebuild        (the session table rebuilt from the event log = the live one?)", "",
                "Load against a running platform (docs/performance.md):",
                "  signaling bench relay|call-setup|connect-storm|idle-connections [--users N] [--rate R]",
                "  (the load tool's own jar: bench/target/bench-<version>-exec.jar)",
                "'signaling COMMAND --help' tells more about each command." })
public final class SignalingCli implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    /** Without a subcommand there is nothing to do: show what there is. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return 2;
    }

    public static void main(String[] args) {
        System.exit(execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    /**
     * Runs the CLI; a {@link LaunchException} becomes one {@code signaling: error: …}
     * line and exit code 1.
     */
    static int execute(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new SignalingCli());
        cli.setOut(out);
        cli.setErr(err);
        // Spring values may start with '@'; they are never picocli argument files.
        cli.setExpandAtFiles(false);
        cli.setExecutionExceptionHandler((exception, commandLine, parseResult) -> {
            if (exception instanceof LaunchException) {
                commandLine.getErr().println("signaling: error: " + exception.getMessage());
                commandLine.getErr().flush();
                return 1;
            }
            throw exception;
        });
        return cli.execute(args);
    }

    static final class Version implements IVersionProvider {

        @Override
        public String[] getVersion() {
            return new String[] { "signaling " + Home.buildVersion() };
        }

    }

}

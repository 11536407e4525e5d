package io.signaling.audit.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code bin/signaling audit}: the operator's view of the signaling history. */
@Command(name = "audit", mixinStandardHelpOptions = true,
        description = "Replay the signaling history, or prove the session table comes from the log.",
        subcommands = { ReplayCommand.class, RebuildCommand.class })
public final class AuditCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new AuditCommand()).execute(args));
    }

}

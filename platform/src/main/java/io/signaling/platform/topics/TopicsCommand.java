package io.signaling.platform.topics;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code signaling topics}: the platform's topics, whose one owner this is
 * (docs/operations.md, "Topics").
 */
@Command(name = "topics", mixinStandardHelpOptions = true, subcommands = CreateTopicsCommand.class,
        description = "The platform's Kafka topics: 'topics create' creates them before the services start; "
                + "the services only check them.")
public final class TopicsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return 2;
    }

}

package io.signaling.platform.topics;

import io.signaling.edge.CreateTopics;
import io.signaling.platform.LaunchException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

@Command(name = "create", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
                "Creates every topic of the platform that does not exist yet, laid out as signaling.topics.* says "
                        + "(the same values the services are given: arguments --signaling.topics.NAME=VALUE, or the "
                        + "environment, SIGNALING_TOPICS_NAME). Idempotent: topics that exist as expected are left as "
                        + "they are.",
                "An existing topic laid out otherwise (partitions, cleanup policy) is never altered: the command "
                        + "names it, the expected and the found value, and exits 1." },
        footer = { "", "Examples:", "  signaling topics create --bootstrap-servers kafka-1:9092",
                "  signaling topics create --bootstrap-servers kafka-1:9092 --signaling.topics.replication-factor=3 \\",
                "      --signaling.topics.min-insync-replicas=2",
                "Exit codes: 0 the topics are as expected (created or already there), 1 they are not, or Kafka did "
                        + "not answer." })
public final class CreateTopicsCommand implements Callable<Integer> {

    @Option(names = "--bootstrap-servers", defaultValue = "localhost:9092", paramLabel = "HOST:PORT[,...]",
            description = "The Kafka cluster. Default: ${DEFAULT-VALUE}.")
    String bootstrapServers;

    @Option(names = "--timeout", defaultValue = "30", paramLabel = "SECONDS",
            description = "How long to wait for Kafka's answers. Default: ${DEFAULT-VALUE}.")
    int timeoutSeconds;

    @Unmatched
    List<String> properties = new ArrayList<>();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Map<String, String> settings;
        try {
            settings = CreateTopics.properties(properties);
        }
        catch (IllegalArgumentException e) {
            throw new LaunchException(e.getMessage(), e);
        }
        spec.commandLine()
            .getOut()
            .println(TopicsCreation.create(bootstrapServers, settings, System.getenv(),
                    Duration.ofSeconds(timeoutSeconds)));
        spec.commandLine().getOut().flush();
        return 0;
    }

}

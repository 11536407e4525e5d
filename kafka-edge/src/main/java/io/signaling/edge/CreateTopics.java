package io.signaling.edge;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * {@code signaling topics create} where there is no {@code bin/signaling}: the compose
 * file runs it from a service image
 * ({@code java -cp app.jar -Dloader.main=io.signaling.edge.CreateTopics
 * org.springframework.boot.loader.launch.PropertiesLauncher --bootstrap-servers kafka:9092}).
 * Arguments: {@code --bootstrap-servers HOST:PORT} and
 * {@code --signaling.topics.NAME=VALUE}; the environment's {@code SIGNALING_TOPICS_*}
 * apply too. Exit code 0 when the topics are as expected (created or already there), 1
 * when not (nothing altered), 2 for a bad argument.
 */
public final class CreateTopics {

    static final Duration TIMEOUT = Duration.ofSeconds(30);

    private CreateTopics() {
    }

    public static void main(String[] args) {
        String bootstrapServers = "localhost:9092";
        List<String> settings = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--bootstrap-servers") && i + 1 < args.length) {
                bootstrapServers = args[++i];
            }
            else if (args[i].startsWith("--bootstrap-servers=")) {
                bootstrapServers = args[i].substring("--bootstrap-servers=".length());
            }
            else {
                settings.add(args[i]);
            }
        }
        try {
            TopicLayout.Created created = TopicLayout.create(
                    Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
                    TopicSettings.bind(properties(settings), System.getenv()), TIMEOUT);
            System.out.println(created.describe());
        }
        catch (IllegalArgumentException e) {
            System.err.println("signaling topics create: error: " + e.getMessage());
            System.exit(2);
        }
        catch (TopicLayoutException e) {
            System.err.println("signaling topics create: error: " + e.getMessage());
            System.exit(1);
        }
    }

    /**
     * {@code --signaling.topics.partitions=3} → {@code signaling.topics.partitions: 3}.
     * @throws IllegalArgumentException for anything else
     */
    public static Map<String, String> properties(List<String> args) {
        Map<String, String> properties = new LinkedHashMap<>();
        for (String arg : args) {
            int equals = arg.indexOf('=');
            if (!arg.startsWith("--signaling.topics.") || equals < 0) {
                throw new IllegalArgumentException(
                        "unknown argument '" + arg + "': expected --signaling.topics.NAME=VALUE");
            }
            properties.put(arg.substring(2, equals), arg.substring(equals + 1));
        }
        return properties;
    }

}

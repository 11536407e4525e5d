package io.signaling.platform.topics;

import io.signaling.edge.TopicLayout;
import io.signaling.edge.TopicLayoutException;
import io.signaling.edge.TopicSettings;
import io.signaling.platform.LaunchException;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.KafkaException;

/**
 * Creates the platform's topics: what {@code signaling topics create} and
 * {@code signaling platform} run.
 */
public final class TopicsCreation {

    private TopicsCreation() {
    }

    /**
     * @param properties {@code signaling.topics.*} given as Spring properties; the
     * environment's {@code SIGNALING_TOPICS_*} apply where they say nothing
     * @return what was done, in one line for the terminal
     * @throws LaunchException naming every topic laid out otherwise (left as it is), or
     * when Kafka did not answer
     */
    public static String create(String bootstrapServers, Map<String, String> properties,
            Map<String, String> environment, Duration timeout) {
        try {
            return TopicLayout
                .create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                        AdminClientConfig.CLIENT_ID_CONFIG, "signaling-topics-create"),
                        TopicSettings.bind(properties, environment), timeout)
                .describe();
        }
        catch (TopicLayoutException e) {
            throw new LaunchException(e.getMessage(), e);
        }
        catch (KafkaException e) {
            throw new LaunchException(
                    "cannot reach Kafka at " + bootstrapServers + " (" + e.getClass().getSimpleName() + ")", e);
        }
    }

}

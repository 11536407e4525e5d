package io.signaling.edge;

import io.signaling.schemas.topic.TopicsProperties;
import java.util.Map;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * {@code signaling.topics.*} bound outside a service, the way a service binds it: from
 * properties ({@code signaling.topics.partitions=3}) and the environment
 * ({@code SIGNALING_TOPICS_PARTITIONS=3}), the properties first. What
 * {@code topics create} creates is then what the services check.
 */
public final class TopicSettings {

    private TopicSettings() {
    }

    /** {@code properties}: Spring property names (any relaxed form) to values. */
    public static TopicsProperties bind(Map<String, ?> properties, Map<String, String> environment) {
        ConfigurationPropertySource given = new MapConfigurationPropertySource(properties);
        ConfigurationPropertySource env = ConfigurationPropertySource
            .from(new org.springframework.core.env.SystemEnvironmentPropertySource("environment",
                    Map.copyOf(environment)));
        return new Binder(given, env).bindOrCreate("signaling.topics", TopicsProperties.class);
    }

}

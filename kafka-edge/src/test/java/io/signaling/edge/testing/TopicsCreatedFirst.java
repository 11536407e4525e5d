package io.signaling.edge.testing;

import io.signaling.edge.TopicLayout;
import io.signaling.schemas.topic.TopicsProperties;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;

/**
 * For a service started in a test on topics of its own (a fresh prefix): creates them, as
 * {@code signaling topics create} does before a real start, from the context's own
 * {@code signaling.topics.*} and {@code spring.kafka.bootstrap-servers}, before any bean
 * is created, so the service's start-up check finds them.
 * {@code @Import(TopicsCreatedFirst.class)}.
 */
public class TopicsCreatedFirst implements BeanFactoryPostProcessor, EnvironmentAware {

    private Environment environment;

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        TopicsProperties topics = Binder.get(environment).bindOrCreate("signaling.topics", TopicsProperties.class);
        String bootstrapServers = environment.getRequiredProperty("spring.kafka.bootstrap-servers");
        TopicLayout.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers), topics,
                Duration.ofSeconds(30));
    }

}

package io.signaling.session.testing;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.signaling.session.auth.SecurityConfiguration;
import io.signaling.session.system.SessionProperties;
import java.time.Instant;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * For {@code @WebMvcTest} slices: the Kafka-facing ports as in-memory fakes (our
 * interfaces, not Kafka's), a meter registry to read the counters from, a clock, and the
 * session settings; and the service's own security chain (open unless a test sets
 * {@code signaling.auth.jwt.*}), which a slice would otherwise replace with Spring Boot's
 * default of securing everything.
 */
@TestConfiguration(proxyBeanMethods = false)
@EnableConfigurationProperties(SessionProperties.class)
@Import(SecurityConfiguration.class)
public class FakeKafkaSide {

    @Bean
    public FakeRelay fakeRelay() {
        return new FakeRelay();
    }

    @Bean
    public FakeGateways fakeGateways() {
        return new FakeGateways();
    }

    @Bean
    public SimpleMeterRegistry meterRegistry() {
        return new SimpleMeterRegistry();
    }

    @Bean
    public MutableClock clock() {
        return new MutableClock(Instant.now());
    }

}

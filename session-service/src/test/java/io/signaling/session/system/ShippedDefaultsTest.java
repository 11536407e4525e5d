package io.signaling.session.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.io.ClassPathResource;
import org.springframework.util.unit.DataSize;

/**
 * The session service's production defaults (contract §1 and §4), read from the shipped
 * {@code session-service.yml} and the properties' own defaults the way Spring Boot binds
 * them, never from a test's settings: a changed yml or {@code @DefaultValue} fails here.
 * What the limits do is tested on the platform (system-tests:
 * {@code ConnectBodyFloodTest}, {@code ConnectRateLimitAttackTest}).
 */
class ShippedDefaultsTest {

    private final Binder shipped = shipped();

    @Test
    void requestLimitsAreFourKibibytesAndTwentyASecondWithBurstsOfOneHundred() {
        RequestLimits limits = shipped.bindOrCreate("signaling.session.limits", RequestLimits.class);

        assertThat(limits.maxBodySize()).isEqualTo(DataSize.ofBytes(4_096));
        assertThat(limits.connectRate().perSecond()).isEqualTo(20);
        assertThat(limits.connectRate().burst()).isEqualTo(100);
        assertThat(limits.connectRate().maxAddresses()).isEqualTo(100_000);
    }

    @Test
    void sessionTimingsAndOriginsAreTheDocumentedOnes() {
        SessionProperties session = shipped.bindOrCreate("signaling.session", SessionProperties.class);
        CorsProperties cors = shipped.bindOrCreate("signaling.cors", CorsProperties.class);

        assertThat(session.gatewayTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(session.decisionTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(cors.allowedOriginPatterns()).containsExactly("http://localhost:*", "http://127.0.0.1:*");
    }

    private static Binder shipped() {
        try {
            return new Binder(ConfigurationPropertySources.from(new YamlPropertySourceLoader()
                .load("session-service.yml", new ClassPathResource("session-service.yml"))));
        }
        catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

}

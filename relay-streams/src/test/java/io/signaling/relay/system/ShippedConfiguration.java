package io.signaling.relay.system;

import io.signaling.relay.topology.RelaySettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.io.ClassPathResource;

/**
 * The relay's settings as it ships: {@code relay-streams.yml} bound onto
 * {@link RelayProperties} the way Spring Boot binds it (the yml's values, else the
 * record's {@code @DefaultValue}s), with nothing a test would set. Tests that must hold
 * for the production defaults start from here.
 */
public final class ShippedConfiguration {

    private ShippedConfiguration() {
    }

    /** What the topology runs with in production. */
    public static RelaySettings settings() {
        return properties().settings();
    }

    static RelayProperties properties() {
        try {
            return new Binder(ConfigurationPropertySources.from(new YamlPropertySourceLoader().load("relay-streams.yml",
                    new ClassPathResource("relay-streams.yml"))))
                .bindOrCreate("signaling.relay", RelayProperties.class);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

}

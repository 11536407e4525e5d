package io.signaling.gateway.system;

import io.signaling.gateway.config.GatewayProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

/**
 * The gateway's settings as it ships: {@code gateway.yml} bound onto
 * {@link GatewayProperties} the way Spring Boot binds it (the yml's values, else the
 * record's {@code @DefaultValue}s), with nothing a test would set. Tests that must hold
 * for the production defaults start from here.
 */
public final class ShippedConfiguration {

    private ShippedConfiguration() {
    }

    public static GatewayProperties gateway() {
        return binder().bindOrCreate("signaling.gateway", GatewayProperties.class);
    }

    public static CorsProperties cors() {
        return binder().bindOrCreate("signaling.cors", CorsProperties.class);
    }

    /**
     * A value of {@code gateway.yml} outside {@code signaling.*}, e.g.
     * {@code server.tomcat.connection-timeout}.
     */
    public static String property(String name) {
        return binder().bind(name, String.class).orElse(null);
    }

    private static Binder binder() {
        try {
            List<PropertySource<?>> yml = new YamlPropertySourceLoader().load("gateway.yml",
                    new ClassPathResource("gateway.yml"));
            return new Binder(ConfigurationPropertySources.from(yml));
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

}

package io.signaling.platform.compose;

import io.signaling.schemas.topic.TopicsProperties;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertyState;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Spring properties one service reads, and whether an environment variable sets one
 * of them — decided by Spring Boot's own environment-variable mapping, not by a copy of
 * its rules.
 *
 * <p>
 * Sources: the module's configuration metadata (its {@code @ConfigurationProperties},
 * written by the configuration processor to {@code target/classes}), the keys of its own
 * configuration files, the shared {@link TopicsProperties}, and the metadata of Spring
 * Boot's jars on this test's class path ({@code spring.kafka.*}, {@code server.*}…).
 */
final class KnownProperties {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final String METADATA = "META-INF/spring-configuration-metadata.json";

    /**
     * What each service reads per the task that defined them, used only for a module
     * whose metadata is not built yet (a fresh checkout where only this module was
     * compiled).
     */
    private static final Map<String, List<String>> CURATED = Map.of("relay-streams",
            List.of("signaling.relay.application-id", "signaling.relay.state-dir",
                    "signaling.relay.unacked-session-ttl"),
            "session-service", List.of("signaling.cors.allowed-origin-patterns"), "gateway",
            List.of("signaling.gateway.id", "signaling.gateway.listening-address",
                    "signaling.gateway.delivery-partitions", "signaling.cors.allowed-origin-patterns"));

    private final Set<String> scalars = new TreeSet<>();

    private final Set<String> containers = new TreeSet<>();

    static KnownProperties of(Path root, String module) {
        KnownProperties known = new KnownProperties();
        Path moduleDir = root.resolve(module);
        Path metadata = moduleDir.resolve("target/classes").resolve(METADATA);
        if (Files.isRegularFile(metadata)) {
            known.addMetadata(read(metadata));
        }
        else {
            known.scalars.addAll(CURATED.getOrDefault(module, List.of()));
        }
        known.addConfigFileKeys(moduleDir.resolve("src/main/resources"));
        known.addRecord(TopicsProperties.class);
        known.addClassPathMetadata();
        return known;
    }

    /**
     * Whether Spring, reading {@code name=value} from the environment, would set a
     * property of this service.
     */
    boolean isRead(String name, String value) {
        ConfigurationPropertySource source = ConfigurationPropertySource.from(new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, Map.of(name, value)));
        for (String property : scalars) {
            ConfigurationProperty found = source.getConfigurationProperty(ConfigurationPropertyName.of(property));
            if (found != null) {
                return true;
            }
        }
        for (String property : containers) {
            if (source.getConfigurationProperty(ConfigurationPropertyName.of(property)) != null || source
                .containsDescendantOf(ConfigurationPropertyName.of(property)) == ConfigurationPropertyState.PRESENT) {
                return true;
            }
        }
        return false;
    }

    Set<String> names() {
        Set<String> all = new TreeSet<>(scalars);
        all.addAll(containers);
        return Collections.unmodifiableSet(all);
    }

    private void addMetadata(JsonNode metadata) {
        for (JsonNode property : metadata.path("properties")) {
            String name = property.path("name").asString("");
            if (!ConfigurationPropertyName.isValid(name)) {
                continue;
            }
            String type = property.path("type").asString("");
            // Maps and lists are also set element by element:
            // SPRING_KAFKA_PROPERTIES_SOME_SETTING.
            (type.startsWith("java.util.Map") || type.startsWith("java.util.List") ? containers : scalars).add(name);
        }
    }

    /**
     * Keys of the service's own configuration files ({@code application.yml},
     * {@code gateway.yml}…).
     */
    private void addConfigFileKeys(Path resources) {
        if (!Files.isDirectory(resources)) {
            return;
        }
        try (Stream<Path> files = Files.list(resources)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String name = file.getFileName().toString();
                if (name.endsWith(".yml") || name.endsWith(".yaml")) {
                    addYamlKeys(file);
                }
                else if (name.endsWith(".properties")) {
                    addPropertiesKeys(file);
                }
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void addPropertiesKeys(Path file) {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            properties.load(in);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        properties.stringPropertyNames().stream().filter(ConfigurationPropertyName::isValid).forEach(scalars::add);
    }

    private void addYamlKeys(Path yaml) {
        try (InputStream in = Files.newInputStream(yaml)) {
            for (Object document : new Yaml().loadAll(in)) {
                if (document instanceof Map<?, ?> map) {
                    flatten("", map);
                }
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void flatten(String prefix, Map<?, ?> map) {
        map.forEach((key, value) -> {
            String name = prefix.isEmpty() ? key.toString() : prefix + "." + key;
            if (value instanceof Map<?, ?> nested) {
                flatten(name, nested);
            }
            else if (ConfigurationPropertyName.isValid(name)) {
                scalars.add(name);
            }
        });
    }

    private void addRecord(Class<? extends Record> properties) {
        String prefix = properties.getAnnotation(ConfigurationProperties.class).value();
        for (var component : properties.getRecordComponents()) {
            scalars.add(prefix + "." + component.getName().replaceAll("([A-Z])", "-$1").toLowerCase());
        }
    }

    private void addClassPathMetadata() {
        try {
            Set<String> seen = new HashSet<>();
            for (URL url : Collections.list(getClass().getClassLoader().getResources(METADATA))) {
                if (seen.add(url.toString())) {
                    try (InputStream in = url.openStream()) {
                        addMetadata(JSON.readTree(in));
                    }
                }
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return JSON.readTree(in);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

}

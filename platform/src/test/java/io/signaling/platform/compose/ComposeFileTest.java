package io.signaling.platform.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.yaml.snakeyaml.Yaml;

/**
 * compose/docker-compose.yml stays in sync with the code: every image is built from a
 * service module that exists, and every Spring-style environment variable sets a property
 * its service reads.
 */
class ComposeFileTest {

    private static final Path ROOT = Path.of(System.getProperty("basedir", ""))
        .toAbsolutePath()
        .normalize()
        .getParent();

    private static final Path COMPOSE_DIR = ROOT.resolve("compose");

    private static final List<String> SPRING_PREFIXES = List.of("SIGNALING_", "SPRING_", "SERVER_", "MANAGEMENT_",
            "LOGGING_");

    private static Map<String, Map<String, Object>> services;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void load() throws IOException {
        try (InputStream in = Files.newInputStream(COMPOSE_DIR.resolve("docker-compose.yml"))) {
            Map<String, Object> compose = new Yaml().load(in);
            services = (Map<String, Map<String, Object>>) compose.get("services");
        }
        assertThat(services).isNotEmpty();
    }

    @Test
    void everyImageIsBuiltFromAServiceModuleOfThisReactor() throws IOException {
        String rootPom = Files.readString(ROOT.resolve("pom.xml"));
        List<String> problems = new ArrayList<>();
        int built = 0;
        for (var service : services.entrySet()) {
            Optional<Map<String, Object>> build = build(service.getValue());
            if (build.isEmpty()) {
                continue;
            }
            built++;
            Path context = COMPOSE_DIR.resolve(String.valueOf(build.get().getOrDefault("context", "."))).normalize();
            Path dockerfile = context.resolve(String.valueOf(build.get().getOrDefault("dockerfile", "Dockerfile")));
            String module = module(build.get());
            if (!Files.isRegularFile(dockerfile)) {
                problems.add(service.getKey() + ": no Dockerfile at " + dockerfile);
                continue;
            }
            String recipe = Files.readString(dockerfile);
            if (module == null) {
                problems.add(service.getKey() + ": no MODULE build argument");
            }
            else if (!Files.isRegularFile(context.resolve(module).resolve("pom.xml"))
                    || !rootPom.contains("<module>" + module + "</module>")) {
                problems
                    .add(service.getKey() + ": module '" + module + "' is not a module of " + ROOT.resolve("pom.xml"));
            }
            else if (!Files.readString(context.resolve(module).resolve("pom.xml"))
                .contains("spring-boot-maven-plugin")) {
                problems.add(service.getKey() + ": module '" + module + "' builds no Spring Boot exec jar");
            }
            else if (!recipe.matches("(?s).*-pl [^\\s]*\\b" + module + "\\b.*")) {
                problems
                    .add(service.getKey() + ": the Dockerfile's Maven build (-pl …) does not build '" + module + "'");
            }
            if (!recipe.contains("/src/${MODULE}/target/${MODULE}-*-exec.jar")) {
                problems.add(service.getKey()
                        + ": the Dockerfile does not copy <module>/target/<module>-<version>-exec.jar");
            }
        }
        assertThat(built).as("services built from this repository").isGreaterThanOrEqualTo(5);
        assertThat(problems).isEmpty();
    }

    @Test
    void everySpringVariableSetsAPropertyItsServiceReads() {
        List<String> unread = new ArrayList<>();
        int checked = 0;
        for (var service : services.entrySet()) {
            Optional<Map<String, Object>> build = build(service.getValue());
            if (build.isEmpty()) {
                continue;
            }
            KnownProperties known = KnownProperties.of(ROOT, module(build.get()));
            for (var variable : environment(service.getValue()).entrySet()) {
                if (SPRING_PREFIXES.stream().noneMatch(variable.getKey()::startsWith)) {
                    continue;
                }
                checked++;
                if (!known.isRead(variable.getKey(), variable.getValue())) {
                    unread.add(service.getKey() + ": " + variable.getKey());
                }
            }
        }
        assertThat(checked).isGreaterThanOrEqualTo(10);
        assertThat(unread).as("variables that set no property their service reads").isEmpty();
    }

    /**
     * Issue 11: Kafka's host listener has no authentication and the actuator shows health
     * details and metrics: both are published on the host's loopback only. On every
     * interface: only what clients use, session-service's and the gateways' public ports.
     */
    @Test
    @SuppressWarnings("unchecked")
    void onlyTheClientFacingPortsArePublishedOnEveryInterface() {
        List<String> exposed = new ArrayList<>();
        int published = 0;
        for (var service : services.entrySet()) {
            Object ports = service.getValue().get("ports");
            if (!(ports instanceof List)) {
                continue;
            }
            String module = build(service.getValue()).map(ComposeFileTest::module).orElse("");
            String publicPort = environment(service.getValue()).get("SERVER_PORT");
            for (Object mapping : (List<Object>) ports) {
                published++;
                String text = String.valueOf(mapping);
                String containerPort = text.substring(text.lastIndexOf(':') + 1);
                boolean clientFacing = List.of("session-service", "gateway").contains(module)
                        && containerPort.equals(publicPort);
                if (!clientFacing && !text.startsWith("127.0.0.1:")) {
                    exposed.add(service.getKey() + ": " + text);
                }
            }
        }
        assertThat(published).isGreaterThanOrEqualTo(4);
        assertThat(exposed).as("ports published on every interface that clients have no use for").isEmpty();
        assertThat(String.valueOf(services.get("kafka").get("ports"))).contains("127.0.0.1:9094:9094");
    }

    @Test
    void theCheckTellsAPropertyFromAMisspelledOne() {
        KnownProperties gateway = KnownProperties.of(ROOT, "gateway");

        assertThat(gateway.names()).contains("signaling.gateway.listening-address", "spring.kafka.bootstrap-servers",
                "server.port", "signaling.topics.prefix");
        assertThat(gateway.isRead("SIGNALING_GATEWAY_LISTENING_ADDRESS", "http://h:1/ws")).isTrue();
        assertThat(gateway.isRead("SIGNALING_GATEWAY_LISTENINGADDRESS", "http://h:1/ws")).isTrue();
        assertThat(gateway.isRead("SIGNALING_GATEWAY_LISTENING_ADRESS", "http://h:1/ws")).isFalse();
        assertThat(gateway.isRead("SIGNALING_RELAY_STATE_DIR", "/tmp")).as("another service's property").isFalse();
        assertThat(gateway.isRead("SPRING_KAFKA_PROPERTIES_LINGER_MS", "0")).as("an entry of a map property").isTrue();
    }

    @Test
    @Timeout(120)
    void dockerComposeAcceptsTheFile() throws Exception {
        List<String> command;
        if (runs("docker-compose", "version")) {
            command = List.of("docker-compose", "config", "-q");
        }
        else if (runs("docker", "compose", "version")) {
            command = List.of("docker", "compose", "config", "-q");
        }
        else {
            command = null;
        }
        assumeTrue(command != null, "neither docker-compose nor docker compose is on the PATH: 'config -q' not run");

        Process process = new ProcessBuilder(command).directory(COMPOSE_DIR.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(String.join(" ", command) + ": " + output).isZero();
    }

    private static boolean runs(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
            return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
        }
        catch (IOException e) {
            return false;
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @SuppressWarnings("unchecked")
    private static Optional<Map<String, Object>> build(Map<String, Object> service) {
        Object build = service.get("build");
        return build instanceof Map ? Optional.of((Map<String, Object>) build) : Optional.empty();
    }

    @SuppressWarnings("unchecked")
    private static String module(Map<String, Object> build) {
        Object args = build.get("args");
        return args instanceof Map ? (String) ((Map<String, Object>) args).get("MODULE") : null;
    }

    /**
     * The environment of a service, in either of compose's forms (map or KEY=value list).
     */
    @SuppressWarnings("unchecked")
    private static Map<String, String> environment(Map<String, Object> service) {
        Object environment = service.get("environment");
        Map<String, String> result = new LinkedHashMap<>();
        if (environment instanceof Map) {
            ((Map<String, Object>) environment).forEach((k, v) -> result.put(k, String.valueOf(v)));
        }
        else if (environment instanceof List) {
            for (Object entry : (List<Object>) environment) {
                String[] pair = String.valueOf(entry).split("=", 2);
                result.put(pair[0], pair.length > 1 ? pair[1] : "");
            }
        }
        return result;
    }

}

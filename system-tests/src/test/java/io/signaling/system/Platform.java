package io.signaling.system;

import io.signaling.gateway.GatewayApplication;
import io.signaling.relay.RelayApplication;
import io.signaling.session.SessionServiceApplication;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.FileSystemUtils;

/**
 * The whole platform in one JVM, each service in its own Spring context, against any Kafka
 * cluster: a relay, a session service and N gateways, all on a topic prefix of their own so
 * test classes never see each other's records.
 */
final class Platform implements AutoCloseable {

    private final String bootstrapServers;
    private final String prefix = "it-" + UUID.randomUUID().toString().substring(0, 8);
    private final Path stateDir;
    private final List<ConfigurableApplicationContext> contexts = new ArrayList<>();
    private final Map<String, Object> overrides;
    private ConfigurableApplicationContext relay;
    private ConfigurableApplicationContext sessionService;
    private final List<ConfigurableApplicationContext> gateways = new ArrayList<>();

    private Platform(String bootstrapServers, Map<String, Object> overrides) {
        this.bootstrapServers = bootstrapServers;
        this.overrides = Map.copyOf(overrides);
        try {
            this.stateDir = Files.createTempDirectory("relay-state-");
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Relay, session service and {@code gatewayCount} gateways, started and ready. */
    static Platform start(String bootstrapServers, int gatewayCount, Map<String, Object> overrides) {
        Platform platform = new Platform(bootstrapServers, overrides);
        try {
            platform.startRelay();
            platform.startSessionService();
            for (int i = 0; i < gatewayCount; i++) {
                platform.startGateway("gw-" + (char) ('a' + i), i);
            }
            return platform;
        }
        catch (RuntimeException e) {
            platform.close();
            throw e;
        }
    }

    String prefix() {
        return prefix;
    }

    String bootstrapServers() {
        return bootstrapServers;
    }

    String sessionUrl() {
        return "http://127.0.0.1:" + port(sessionService);
    }

    String gatewayUrl(int index) {
        return "http://127.0.0.1:" + port(gateways.get(index)) + "/ws";
    }

    String gatewayId(int index) {
        return "gw-" + (char) ('a' + index);
    }

    int gatewayCount() {
        return gateways.size();
    }

    void startRelay() {
        Map<String, Object> props = common();
        props.put("server.port", 0);
        props.put("signaling.relay.application-id", prefix + "-relay");
        props.put("signaling.relay.state-dir", stateDir.toString());
        props.put("spring.config.name", RelayApplication.CONFIG_NAME);
        relay = run(RelayApplication.class, props);
    }

    void stopRelay() {
        stop(relay);
        relay = null;
    }

    /** Stops the relay, deletes its local state (RocksDB stores), and starts it again. */
    void restartRelayWithoutLocalState() {
        stopRelay();
        FileSystemUtils.deleteRecursively(stateDir.toFile());
        startRelay();
    }

    String relayHealthUrl() {
        return "http://127.0.0.1:" + port(relay) + "/actuator/health";
    }

    void startSessionService() {
        Map<String, Object> props = common();
        props.put("server.port", 0);
        props.put("spring.config.name", SessionServiceApplication.CONFIG_NAME);
        sessionService = run(SessionServiceApplication.class, props);
    }

    void startGateway(String id, int deliveryPartition) {
        Map<String, Object> props = common();
        props.put("server.port", 0);
        props.put("signaling.gateway.id", id);
        props.put("signaling.gateway.delivery-partitions", deliveryPartition);
        props.put("spring.config.name", GatewayApplication.CONFIG_NAME);
        gateways.add(run(GatewayApplication.class, props));
    }

    private Map<String, Object> common() {
        Map<String, Object> props = new HashMap<>();
        props.put("spring.kafka.bootstrap-servers", bootstrapServers);
        props.put("signaling.topics.prefix", prefix);
        props.put("signaling.topics.partitions", 4);
        props.put("signaling.topics.delivery-partitions", 4);
        props.put("server.shutdown", "immediate");
        props.put("spring.main.banner-mode", "off");
        props.putAll(overrides);
        return props;
    }

    private ConfigurableApplicationContext run(Class<?> application, Map<String, Object> props) {
        // Command-line arguments, not builder properties: those are defaults that each service's yml overrides.
        String[] args = props.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
        ConfigurableApplicationContext context = new SpringApplicationBuilder(application).run(args);
        contexts.add(context);
        return context;
    }

    private void stop(ConfigurableApplicationContext context) {
        if (context != null && context.isActive()) {
            context.close();
        }
    }

    private static int port(ConfigurableApplicationContext context) {
        return Integer.parseInt(context.getEnvironment().getRequiredProperty("local.server.port"));
    }

    @Override
    public void close() {
        for (int i = contexts.size() - 1; i >= 0; i--) {
            stop(contexts.get(i));
        }
        FileSystemUtils.deleteRecursively(stateDir.toFile());
    }
}

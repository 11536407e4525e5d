package io.signaling.system;

import io.micrometer.core.instrument.MeterRegistry;
import io.signaling.edge.TopicLayout;
import io.signaling.edge.TopicSettings;
import io.signaling.gateway.GatewayApplication;
import io.signaling.gateway.delivery.DeliverySource;
import io.signaling.gateway.kafka.RecordWriter;
import io.signaling.relay.RelayApplication;
import io.signaling.session.SessionServiceApplication;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.FileSystemUtils;

/**
 * The whole platform in one JVM, each service in its own Spring context, against any
 * Kafka cluster: relays, session services and gateways, all on a topic prefix of their
 * own so test classes never see each other's records. Services are numbered in start
 * order; a stopped one keeps its number and can be started again under the same identity.
 */
final class Platform implements AutoCloseable {

    private final String bootstrapServers;

    private final String prefix = "it-" + UUID.randomUUID().toString().substring(0, 8);

    private final Path stateDir;

    private final List<ConfigurableApplicationContext> contexts = new ArrayList<>();

    private final Map<String, Object> overrides;

    /** By number; null while stopped. */
    private final List<ConfigurableApplicationContext> relays = new ArrayList<>();

    private final List<ConfigurableApplicationContext> sessionServices = new ArrayList<>();

    private final List<ConfigurableApplicationContext> gateways = new ArrayList<>();

    private final List<String> gatewayIds = new ArrayList<>();

    private final List<Integer> gatewayPartitions = new ArrayList<>();

    private Platform(String bootstrapServers, Map<String, Object> overrides) {
        this.bootstrapServers = bootstrapServers;
        this.overrides = Map.copyOf(overrides);
        try {
            this.stateDir = Files.createTempDirectory("relay-state-");
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        createTopics();
    }

    /**
     * What {@code signaling topics create} does before a real platform starts: the
     * services only check them.
     */
    private void createTopics() {
        TopicLayout.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
                TopicSettings.bind(common(), Map.of()), Duration.ofSeconds(30));
    }

    /**
     * A relay, a session service and {@code gatewayCount} gateways, started and ready.
     */
    static Platform start(String bootstrapServers, int gatewayCount, Map<String, Object> overrides) {
        return start(bootstrapServers, 1, 1, gatewayCount, overrides);
    }

    /**
     * {@code relayCount} relay instances (one Streams application, each with its own
     * state dir), {@code sessionServiceCount} session services and {@code gatewayCount}
     * gateways ({@code gw-a}, {@code gw-b}, … each on the deliveries partition of its
     * number), started and ready.
     */
    static Platform start(String bootstrapServers, int relayCount, int sessionServiceCount, int gatewayCount,
            Map<String, Object> overrides) {
        Platform platform = new Platform(bootstrapServers, overrides);
        try {
            for (int i = 0; i < relayCount; i++) {
                platform.startRelay();
            }
            for (int i = 0; i < sessionServiceCount; i++) {
                platform.startSessionService();
            }
            for (int i = 0; i < gatewayCount; i++) {
                platform.startGateway("gw-" + (char) ('a' + i), i);
            }
            if (gatewayCount > 0) {
                platform.awaitSessionServicesUp();
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

    // ---- relays
    // ----------------------------------------------------------------------------------

    /** Starts one more relay instance; returns its number. */
    int startRelay() {
        relays.add(null);
        startRelay(relays.size() - 1);
        return relays.size() - 1;
    }

    /** Starts relay {@code index} (again), with the state dir it had. */
    void startRelay(int index) {
        Map<String, Object> props = common();
        props.put("server.port", 0);
        props.put("signaling.relay.application-id", prefix + "-relay");
        props.put("signaling.relay.state-dir", relayStateDir(index).toString());
        props.put("spring.config.name", RelayApplication.CONFIG_NAME);
        props.put("spring.autoconfigure.exclude", WITHOUT_SESSION_SERVICE_SECURITY);
        relays.set(index, run(RelayApplication.class, props));
    }

    /**
     * Stops relay {@code index} the way an operator would: Streams commits, closes and
     * leaves the group.
     */
    void stopRelay(int index) {
        stop(relays.get(index));
        relays.set(index, null);
    }

    void stopRelay() {
        stopRelay(0);
    }

    /**
     * Stops the first relay, deletes its local state (RocksDB stores), and starts it
     * again.
     */
    void restartRelayWithoutLocalState() {
        stopRelay(0);
        FileSystemUtils.deleteRecursively(relayStateDir(0).toFile());
        startRelay(0);
    }

    String relayHealthUrl() {
        return relayHealthUrl(0);
    }

    String relayHealthUrl(int index) {
        return "http://127.0.0.1:" + port(relays.get(index)) + "/actuator/health";
    }

    private Path relayStateDir(int index) {
        return stateDir.resolve("relay-" + index);
    }

    // ---- session services
    // ------------------------------------------------------------------------

    /** Starts one more session service; returns its number. */
    int startSessionService() {
        Map<String, Object> props = common();
        props.put("server.port", 0);
        props.put("management.server.port", 0);
        props.put("spring.config.name", SessionServiceApplication.CONFIG_NAME);
        sessionServices.add(run(SessionServiceApplication.class, props));
        return sessionServices.size() - 1;
    }

    String sessionUrl() {
        return sessionUrl(0);
    }

    /**
     * Started is not ready: a session service answers 503 until its views have caught up
     * and it has heard a gateway's heartbeat, which is what its health says.
     */
    void awaitSessionServicesUp() {
        for (int i = 0; i < sessionServices.size(); i++) {
            String health = sessionHealthUrl(i);
            SessionApi api = new SessionApi(sessionUrl(i));
            org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(60))
                .until(() -> "UP"
                    .equals(api.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(health)).GET())
                        .body()
                        .path("status")
                        .asString()));
        }
    }

    String sessionUrl(int index) {
        return "http://127.0.0.1:" + port(sessionServices.get(index));
    }

    /** Health is on the management port; the public one serves no actuator. */
    String sessionHealthUrl(int index) {
        return "http://127.0.0.1:" + managementPort(sessionServices.get(index)) + "/actuator/health";
    }

    // ---- gateways
    // --------------------------------------------------------------------------------

    /**
     * Starts one more gateway with this id, reading this deliveries partition; returns
     * its number.
     */
    int startGateway(String id, int deliveryPartition) {
        gatewayIds.add(id);
        gatewayPartitions.add(deliveryPartition);
        gateways.add(null);
        startGateway(gateways.size() - 1);
        return gateways.size() - 1;
    }

    /**
     * Starts gateway {@code index} (again) under its id and partition: a new process, a
     * new port.
     */
    void startGateway(int index) {
        Map<String, Object> props = common();
        props.put("server.port", 0);
        props.put("management.server.port", 0);
        props.put("signaling.gateway.id", gatewayIds.get(index));
        props.put("signaling.gateway.delivery-partitions", gatewayPartitions.get(index));
        props.put("spring.config.name", GatewayApplication.CONFIG_NAME);
        props.put("spring.autoconfigure.exclude", WITHOUT_SESSION_SERVICE_SECURITY);
        gateways.set(index, run(GatewayApplication.class, props));
    }

    /**
     * Stops gateway {@code index} gracefully: it deregisters, closes its connections and
     * deletes their sessions.
     */
    void stopGateway(int index) {
        stop(gateways.get(index));
        gateways.set(index, null);
    }

    /**
     * Kills gateway {@code index} the way a crash would, as far as anyone else can tell:
     * from one moment on nothing it does reaches Kafka (no heartbeat, no tombstone, no
     * report of a closed connection, no rejection of a delivery), it reads no more
     * deliveries (what it has not read stays in its partition, behind its last committed
     * position), and its sockets are dropped by the web server stopping under them. What
     * is left of the context is then closed only to free threads and ports; its
     * graceful-shutdown steps find a closed producer and no connection.
     */
    void crashGateway(int index) {
        ConfigurableApplicationContext gateway = gateways.get(index);
        gateway.getBean(DeliverySource.class).stop();
        gateway.getBean(RecordWriter.class).close();
        ((WebServerApplicationContext) gateway).getWebServer().stop();
        gateway.close();
        gateways.set(index, null);
    }

    String gatewayUrl(int index) {
        return "http://127.0.0.1:" + port(gateways.get(index)) + "/ws";
    }

    String gatewayId(int index) {
        return gatewayIds.get(index);
    }

    int gatewayCount() {
        return gateways.size();
    }

    String gatewayHealthUrl(int index) {
        return "http://127.0.0.1:" + managementPort(gateways.get(index)) + "/actuator/health";
    }

    /**
     * The sum of a counter of gateway {@code index} (all its tags, or those with the
     * given tag keys and values), e.g. {@code signaling.gateway.deliveries.duplicate}.
     */
    double gatewayCounter(int index, String name, String... tags) {
        return gateways.get(index)
            .getBean(MeterRegistry.class)
            .find(name)
            .tags(tags)
            .counters()
            .stream()
            .mapToDouble(counter -> counter.count())
            .sum();
    }

    // ---- common
    // ----------------------------------------------------------------------------------

    /**
     * Session-service brings Spring Security (its JWT check on /connect) onto this shared
     * class path; the gateway and relay jars do not have it, so here they run without its
     * auto-configuration too, which would otherwise lock every endpoint behind a
     * generated password.
     */
    private static final String WITHOUT_SESSION_SERVICE_SECURITY = String.join(",",
            "org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration",
            "org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration");

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
        // Command-line arguments, not builder properties: those are defaults that each
        // service's yml overrides.
        String[] args = props.entrySet()
            .stream()
            .map(e -> "--" + e.getKey() + "=" + e.getValue())
            .toArray(String[]::new);
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

    private static int managementPort(ConfigurableApplicationContext context) {
        return Integer.parseInt(context.getEnvironment().getRequiredProperty("local.management.port"));
    }

    @Override
    public void close() {
        for (int i = contexts.size() - 1; i >= 0; i--) {
            stop(contexts.get(i));
        }
        FileSystemUtils.deleteRecursively(stateDir.toFile());
    }

}

package io.signaling.platform.launch;

import io.signaling.platform.Home;
import io.signaling.platform.LaunchException;
import io.signaling.platform.kafka.BrokerConfig;
import io.signaling.platform.net.Ports;
import io.signaling.platform.process.Console;
import io.signaling.platform.process.RestartPolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.IntSupplier;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "platform", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
                "Starts the whole platform on this machine: a real Apache Kafka broker (KRaft, no Docker) unless "
                        + "--bootstrap-servers names a cluster, the relay, session-service on --http-port and "
                        + "--gateways gateways on the ports after it. Prints one line containing 'ready' and the URLs "
                        + "once POST /connect works; SIGINT or SIGTERM stops everything.",
                "A process that dies, a service or the local broker, is restarted on the same ports and data "
                        + "(after 1 s, doubling to 30 s while it keeps dying; reset after a minute up); the platform "
                        + "stops only when one dies 8 times in a row." },
        footer = { "", "Output: the platform's own lines, and the warnings and errors of each component, prefixed",
                "[kafka], [relay], [session], [gateway-1]...; each one's full log is in",
                "<data-dir>/logs/<component>.log (kafka, relay, session-service, gateway-1...).",
                "Management (actuator: health, metrics) on 127.0.0.1: session-service on --http-port + 100,",
                "each gateway on its port + 100; the relay on a free port, printed at start.",
                "Each child JVM gets -Xmx512m; $SIGNALING_JAVA_OPTS is added after it. Every service reads",
                "Spring properties from the environment too (SIGNALING_TOPICS_REPLICATION_FACTOR=3).", "", "Examples:",
                "  signaling platform", "  signaling platform --http-port 9080 --gateways 3 --data-dir /tmp/signaling",
                "  signaling platform --bootstrap-servers kafka-1:9092",
                "  signaling platform --jwt-hmac-secret-file ./jwt.secret",
                "  signaling platform --jwt-issuer-uri https://keycloak.example.com/realms/app --jwt-audience signaling" })
public final class PlatformCommand implements Callable<Integer> {

    /**
     * Each gateway reads one deliveries partition of its own;
     * signaling.topics.delivery-partitions is 16.
     */
    static final int MAX_GATEWAYS = 16;
    static final int DEFAULT_KAFKA_PORT = 9092;

    @Option(names = "--http-port", defaultValue = "8080", paramLabel = "PORT",
            description = "Port of session-service (POST /connect); gateways take the ports after it. Default: ${DEFAULT-VALUE}.")
    int httpPort;

    @Option(names = "--gateways", defaultValue = "2", paramLabel = "N",
            description = "How many gateways, 1 to " + MAX_GATEWAYS + ". Default: ${DEFAULT-VALUE}.")
    int gateways;

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT[,...]",
            description = "Use this Kafka cluster instead of starting a local broker.")
    String bootstrapServers;

    @Option(names = "--data-dir", defaultValue = ".signaling-data", paramLabel = "DIR",
            description = "Broker data and logs, relay state; kept between runs. Default: ${DEFAULT-VALUE}.")
    Path dataDir;

    @Option(names = "--kafka-port", paramLabel = "PORT",
            description = "Client port of the local broker. Default: " + DEFAULT_KAFKA_PORT + ".")
    Integer kafkaPort;

    @Option(names = "--kafka-timeout", defaultValue = "30", paramLabel = "SECONDS",
            description = "How long to wait for --bootstrap-servers to answer. Default: ${DEFAULT-VALUE}.")
    int kafkaTimeoutSeconds;

    @Option(names = "--start-timeout", defaultValue = "180", paramLabel = "SECONDS",
            description = "How long the services may take to become UP. Default: ${DEFAULT-VALUE}.")
    int startTimeoutSeconds;

    @Option(names = "--kafka-only",
            description = "Start only the local broker (to run the services elsewhere, e.g. from an IDE).")
    boolean kafkaOnly;

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    JwtSource jwt;

    @Option(names = "--jwt-audience", paramLabel = "AUD",
            description = "With a --jwt-* source: tokens must name this audience (aud).")
    String jwtAudience;

    /**
     * Where session-service gets the keys of identity tokens on POST /connect (contract
     * §6); at most one.
     */
    static final class JwtSource {

        @Option(names = "--jwt-hmac-secret-file", paramLabel = "FILE",
                description = "Require a JWT on POST /connect, HS256/384/512 signed with the secret in FILE (32+ bytes).")
        Path hmacSecretFile;

        @Option(names = "--jwt-jwk-set-uri", paramLabel = "URL",
                description = "Require a JWT on POST /connect, signed by a key of this JWK Set (RS*, ES*, PS*).")
        String jwkSetUri;

        @Option(names = "--jwt-issuer-uri", paramLabel = "URL",
                description = "Require a JWT on POST /connect from this OIDC issuer (keys found by discovery).")
        String issuerUri;

    }

    @Override
    public Integer call() {
        PlatformPlan plan = plan(Ports::freePort);
        return new PlatformLauncher(Home.locate(), new Console(System.out), Duration.ofSeconds(kafkaTimeoutSeconds),
                Duration.ofSeconds(startTimeoutSeconds), RestartPolicy.DEFAULT)
            .run(plan);
    }

    /**
     * Turns the options into a plan; {@code freePorts} picks the ports nobody types
     * (controller, relay actuator).
     */
    PlatformPlan plan(IntSupplier freePorts) {
        if (gateways < 1 || gateways > MAX_GATEWAYS) {
            throw new LaunchException("--gateways must be between 1 and " + MAX_GATEWAYS
                    + " (one deliveries partition each), not " + gateways);
        }
        boolean external = bootstrapServers != null && !bootstrapServers.isBlank();
        if (external && (kafkaPort != null || kafkaOnly)) {
            throw new LaunchException((kafkaOnly ? "--kafka-only" : "--kafka-port")
                    + " is about the local broker; it cannot be combined with --bootstrap-servers");
        }
        Path data = dataDir.toAbsolutePath().normalize();
        List<PlatformPlan.GatewayPlan> gatewayPlans = new ArrayList<>();
        for (int i = 0; i < gateways; i++) {
            gatewayPlans.add(new PlatformPlan.GatewayPlan("gateway-" + (i + 1), httpPort + 1 + i, i));
        }
        Optional<BrokerConfig> broker = Optional.empty();
        String bootstrap = external ? bootstrapServers.trim() : null;
        if (!external) {
            Path kafkaDir = data.resolve("kafka");
            int controllerPort = BrokerConfig.previousControllerPort(kafkaDir.resolve("server.properties"))
                .stream()
                .filter(Ports::isFree)
                .findFirst()
                .orElseGet(freePorts);
            BrokerConfig config = new BrokerConfig(kafkaDir, kafkaPort == null ? DEFAULT_KAFKA_PORT : kafkaPort,
                    controllerPort);
            broker = Optional.of(config);
            bootstrap = config.bootstrapServers();
        }
        int relayPort = kafkaOnly ? 0 : freePorts.getAsInt();
        Optional<JwtAuth> auth = jwt == null ? JwtAuth.of(null, null, null, jwtAudience)
                : JwtAuth.of(jwt.hmacSecretFile, jwt.jwkSetUri, jwt.issuerUri, jwtAudience);
        return new PlatformPlan(data, httpPort, kafkaOnly ? List.of() : gatewayPlans, relayPort, broker, bootstrap,
                kafkaOnly, auth);
    }

}

package io.signaling.platform.launch;

import io.signaling.platform.Home;
import io.signaling.platform.LaunchException;
import io.signaling.platform.kafka.BrokerConfig;
import io.signaling.platform.kafka.ClusterProbe;
import io.signaling.platform.kafka.LocalBroker;
import io.signaling.platform.net.Ports;
import io.signaling.platform.process.ChildProcess;
import io.signaling.platform.process.Console;
import io.signaling.platform.process.JavaCommand;
import io.signaling.platform.process.ProcessGroup;
import io.signaling.platform.process.RestartPolicy;
import io.signaling.platform.service.Service;
import io.signaling.platform.topics.TopicsCreation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

/**
 * Runs a {@link PlatformPlan}: checks every port and jar, starts the broker and waits
 * until it answers, starts relay, session-service and the gateways together and waits
 * until each is UP, prints the ready line, then supervises (a child that dies, service or
 * broker, is restarted, see {@link Supervisor}) until a signal (the shutdown hook stops
 * everything, newest first) or until a child keeps dying (then it stops the rest and
 * fails, saying why).
 */
final class PlatformLauncher {

    private static final Duration GRACE = Duration.ofSeconds(30);

    private static final Duration LOCAL_BROKER_START = Duration.ofSeconds(90);

    private static final String SERVICE_HEAP = "512m";

    private static final Duration TOPICS_TIMEOUT = Duration.ofSeconds(30);

    private final Home home;

    private final Console console;

    private final Duration kafkaTimeout;

    private final Duration startTimeout;

    private final RestartPolicy restartPolicy;

    PlatformLauncher(Home home, Console console, Duration kafkaTimeout, Duration startTimeout,
            RestartPolicy restartPolicy) {
        this.home = home;
        this.console = console;
        this.kafkaTimeout = kafkaTimeout;
        this.startTimeout = startTimeout;
        this.restartPolicy = restartPolicy;
    }

    int run(PlatformPlan plan) {
        Ports.requireFree(plan.ports());
        Path kafkaLib = plan.broker().isPresent() ? home.requireKafkaLib() : null;
        Map<Service, Path> jars = new EnumMap<>(Service.class);
        if (!plan.kafkaOnly()) {
            for (Service service : Service.values()) {
                jars.put(service, home.requireServiceJar(service.module()));
            }
        }
        createDirectories(plan.dataDir());
        // The children's java.io.tmpdir (Tomcat's work dirs, RocksDB's native library):
        // nothing in /tmp.
        createDirectories(plan.tmpDir());

        ProcessGroup group = new ProcessGroup(console, GRACE);
        AtomicBoolean signalled = new AtomicBoolean();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            signalled.set(true);
            group.stopAll();
        }, "platform-shutdown"));
        try {
            awaitKafka(plan, kafkaLib, group);
            createTopics(plan);
            List<Readiness.Component> components = List.of();
            if (!plan.kafkaOnly()) {
                components = startServices(plan, jars, group);
                new Readiness(new HealthProbe(), console).await(components, startTimeout);
            }
            console.plain(plan.readyLine());
            supervisor(plan, components, group).supervise();
            return 0;
        }
        catch (RuntimeException e) {
            if (signalled.get()) {
                // A signal arrived mid-start: the hook is stopping everything, and no
                // error happened.
                return 0;
            }
            group.stopAll(); // a no-op where the supervisor has stopped everything
                             // already
            throw e;
        }
    }

    private Supervisor supervisor(PlatformPlan plan, List<Readiness.Component> components, ProcessGroup group) {
        HealthProbe probe = new HealthProbe();
        Map<String, BooleanSupplier> upChecks = new HashMap<>();
        components.forEach(c -> upChecks.put(c.process().name(), () -> HealthProbe.UP.equals(probe.status(c.port()))));
        if (plan.broker().isPresent()) {
            upChecks.put(LocalBroker.NAME, () -> ClusterProbe.answers(plan.bootstrapServers()));
        }
        Set<String> needed = plan.broker().isPresent() ? Set.of(LocalBroker.NAME) : Set.of();
        return new Supervisor(group, console, restartPolicy, needed, upChecks);
    }

    private void awaitKafka(PlatformPlan plan, Path kafkaLib, ProcessGroup group) {
        Optional<BrokerConfig> local = plan.broker();
        if (local.isEmpty()) {
            console.line("platform", "using Kafka at " + plan.bootstrapServers());
            ClusterProbe.await(plan.bootstrapServers(), kafkaTimeout,
                    "Kafka at " + plan.bootstrapServers() + " did not answer within " + kafkaTimeout.toSeconds()
                            + " s (--bootstrap-servers, --kafka-timeout)",
                    Optional::empty);
            return;
        }
        LocalBroker broker = new LocalBroker(local.get(), kafkaLib, plan.dataDir(), console);
        broker.prepare();
        console.line("platform", "starting kafka on " + plan.bootstrapServers() + " (data: " + local.get().kafkaDir()
                + ", log: " + broker.logFile() + ")");
        ChildProcess process = broker.start(group);
        ClusterProbe.await(
                plan.bootstrapServers(), LOCAL_BROKER_START, "the Kafka broker did not answer within "
                        + LOCAL_BROKER_START.toSeconds() + " s; see " + broker.logFile(),
                () -> LocalBroker.deathOf(process, broker.logFile()));
        console.line("platform", "kafka is up");
    }

    /**
     * The one owner of the topics creates them before any service starts (each only
     * checks them); the layout is the services' own: defaults, or the
     * {@code SIGNALING_TOPICS_*} they inherit.
     */
    private void createTopics(PlatformPlan plan) {
        console.line("platform",
                TopicsCreation.create(plan.bootstrapServers(), Map.of(), System.getenv(), TOPICS_TIMEOUT));
    }

    private List<Readiness.Component> startServices(PlatformPlan plan, Map<Service, Path> jars, ProcessGroup group) {
        console.line("platform", "starting relay (management port " + plan.relayPort() + "), session-service and "
                + plan.gateways().size() + " gateway(s); their logs: " + plan.logsDir());
        console.line("platform", plan.authLine());
        List<Readiness.Component> components = new ArrayList<>();
        // The relay has no public port: its server port is its management port, on
        // loopback like the others'.
        List<String> relayArgs = common(plan, plan.relayPort(), Service.RELAY.prefix());
        relayArgs.add("--server.address=127.0.0.1");
        relayArgs.add("--signaling.relay.state-dir=" + plan.relayStateDir());
        components.add(start(group, "relay-streams", Service.RELAY.prefix(), jars.get(Service.RELAY), relayArgs, plan,
                plan.relayPort()));
        List<String> sessionArgs = common(plan, plan.httpPort(), Service.SESSION_SERVICE.module());
        sessionArgs.add("--management.server.port=" + plan.sessionManagementPort());
        sessionArgs.add("--management.server.address=127.0.0.1");
        sessionArgs.addAll(plan.sessionServiceArgs());
        components.add(start(group, "session-service", Service.SESSION_SERVICE.prefix(),
                jars.get(Service.SESSION_SERVICE), sessionArgs, plan, plan.sessionManagementPort()));
        for (PlatformPlan.GatewayPlan gateway : plan.gateways()) {
            List<String> args = common(plan, gateway.port(), gateway.id());
            args.add("--management.server.port=" + gateway.managementPort());
            args.add("--management.server.address=127.0.0.1");
            args.add("--signaling.gateway.id=" + gateway.id());
            args.add("--signaling.gateway.listening-address=" + gateway.listeningAddress());
            args.add("--signaling.gateway.delivery-partitions=" + gateway.deliveryPartition());
            components.add(start(group, gateway.id(), gateway.id(), jars.get(Service.GATEWAY), args, plan,
                    gateway.managementPort()));
        }
        return components;
    }

    private static Readiness.Component start(ProcessGroup group, String name, String prefix, Path jar,
            List<String> args, PlatformPlan plan, int healthPort) {
        List<String> command = JavaCommand.jar(jar, JavaCommand.childOptions(SERVICE_HEAP, plan.dataDir()), args);
        return new Readiness.Component(name, group.start(prefix, command, plan.dataDir()), healthPort);
    }

    /**
     * What every service of the local platform is told: where Kafka is, its port, and
     * where its log goes. The terminal shows only its warnings and errors (Spring's
     * console threshold); everything goes to {@code <data-dir>/logs/<log name>.log}.
     * (Each service's actuator listens on loopback only, set above: the probes are this
     * launcher's.)
     */
    private static List<String> common(PlatformPlan plan, int port, String logName) {
        List<String> args = new ArrayList<>();
        args.add("--spring.kafka.bootstrap-servers=" + plan.bootstrapServers());
        args.add("--server.port=" + port);
        args.add("--spring.main.banner-mode=off");
        args.add("--logging.file.name=" + plan.logsDir().resolve(logName + ".log"));
        args.add("--logging.threshold.console=WARN");
        return args;
    }

    private static void createDirectories(Path dir) {
        try {
            Files.createDirectories(dir);
        }
        catch (IOException e) {
            throw new LaunchException("cannot create the data dir " + dir + ": " + e.getMessage(), e);
        }
    }

}

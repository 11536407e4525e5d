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
import io.signaling.platform.service.Service;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Runs a {@link PlatformPlan}: checks every port and jar, starts the broker and waits until it
 * answers, starts relay, session-service and the gateways together and waits until each is UP,
 * prints the ready line, then stays until a signal (the shutdown hook stops everything, newest
 * first) or until a child dies (then it stops the rest and fails).
 */
final class PlatformLauncher {

    private static final Duration GRACE = Duration.ofSeconds(30);
    private static final Duration LOCAL_BROKER_START = Duration.ofSeconds(90);
    private static final String SERVICE_HEAP = "512m";

    private final Home home;
    private final Console console;
    private final Duration kafkaTimeout;
    private final Duration startTimeout;

    PlatformLauncher(Home home, Console console, Duration kafkaTimeout, Duration startTimeout) {
        this.home = home;
        this.console = console;
        this.kafkaTimeout = kafkaTimeout;
        this.startTimeout = startTimeout;
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

        ProcessGroup group = new ProcessGroup(console, GRACE);
        Runtime.getRuntime().addShutdownHook(new Thread(group::stopAll, "platform-shutdown"));
        try {
            awaitKafka(plan, kafkaLib, group);
            if (!plan.kafkaOnly()) {
                List<Readiness.Component> components = startServices(plan, jars, group);
                new Readiness(new HealthProbe(), console).await(components, startTimeout);
            }
            console.plain(plan.readyLine());
            ChildProcess dead = firstExit(group);
            if (group.stopping()) {
                return 0;
            }
            throw new LaunchException(dead.name() + " exited unexpectedly with code " + dead.exitValue()
                    + "; the platform stopped");
        }
        catch (RuntimeException e) {
            if (group.stopping()) {
                // A signal arrived mid-start: the hook is stopping everything, and no error happened.
                return 0;
            }
            group.stopAll();
            throw e;
        }
    }

    private void awaitKafka(PlatformPlan plan, Path kafkaLib, ProcessGroup group) {
        Optional<BrokerConfig> local = plan.broker();
        if (local.isEmpty()) {
            console.line("platform", "using Kafka at " + plan.bootstrapServers());
            ClusterProbe.await(plan.bootstrapServers(), kafkaTimeout, "Kafka at " + plan.bootstrapServers()
                    + " did not answer within " + kafkaTimeout.toSeconds() + " s (--bootstrap-servers, --kafka-timeout)",
                    Optional::empty);
            return;
        }
        LocalBroker broker = new LocalBroker(local.get(), kafkaLib, plan.dataDir(), console);
        broker.prepare();
        console.line("platform", "starting kafka on " + plan.bootstrapServers() + " (data: " + local.get().kafkaDir()
                + ", log: " + broker.logFile() + ")");
        ChildProcess process = broker.start(group);
        ClusterProbe.await(plan.bootstrapServers(), LOCAL_BROKER_START, "the Kafka broker did not answer within "
                + LOCAL_BROKER_START.toSeconds() + " s; see " + broker.logFile(),
                () -> LocalBroker.deathOf(process, broker.logFile()));
        console.line("platform", "kafka is up");
    }

    private List<Readiness.Component> startServices(PlatformPlan plan, Map<Service, Path> jars, ProcessGroup group) {
        console.line("platform", "starting relay, session-service and " + plan.gateways().size() + " gateway(s)");
        console.line("platform", plan.authLine());
        List<Readiness.Component> components = new ArrayList<>();
        List<String> relayArgs = common(plan, plan.relayPort());
        relayArgs.add("--signaling.relay.state-dir=" + plan.relayStateDir());
        components.add(start(group, "relay-streams", Service.RELAY.prefix(), jars.get(Service.RELAY), relayArgs,
                plan, plan.relayPort()));
        List<String> sessionArgs = common(plan, plan.httpPort());
        sessionArgs.addAll(plan.sessionServiceArgs());
        components.add(start(group, "session-service", Service.SESSION_SERVICE.prefix(),
                jars.get(Service.SESSION_SERVICE), sessionArgs, plan, plan.httpPort()));
        for (PlatformPlan.GatewayPlan gateway : plan.gateways()) {
            List<String> args = common(plan, gateway.port());
            args.add("--signaling.gateway.id=" + gateway.id());
            args.add("--signaling.gateway.listening-address=" + gateway.listeningAddress());
            args.add("--signaling.gateway.delivery-partitions=" + gateway.deliveryPartition());
            components.add(start(group, gateway.id(), gateway.id(), jars.get(Service.GATEWAY), args, plan, gateway.port()));
        }
        return components;
    }

    private static Readiness.Component start(ProcessGroup group, String name, String prefix, Path jar,
            List<String> args, PlatformPlan plan, int port) {
        List<String> command = JavaCommand.jar(jar, JavaCommand.childOptions(SERVICE_HEAP, plan.dataDir()), args);
        return new Readiness.Component(name, group.start(prefix, command, plan.dataDir()), port);
    }

    private static List<String> common(PlatformPlan plan, int port) {
        List<String> args = new ArrayList<>();
        args.add("--spring.kafka.bootstrap-servers=" + plan.bootstrapServers());
        args.add("--server.port=" + port);
        args.add("--spring.main.banner-mode=off");
        return args;
    }

    /** Blocks until some child exits: on its own (a crash) or because the shutdown hook stops it. */
    private static ChildProcess firstExit(ProcessGroup group) {
        List<ChildProcess> children = group.children();
        CompletableFuture<?>[] exits = children.stream().map(ChildProcess::onExit).toArray(CompletableFuture[]::new);
        CompletableFuture.anyOf(exits).join();
        return children.stream().filter(c -> !c.isAlive()).findFirst().orElseThrow();
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

package io.signaling.platform.launch;

import io.signaling.platform.kafka.BrokerConfig;
import io.signaling.platform.net.PortUse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Everything one {@code platform} run will start, decided before anything starts: which ports,
 * which gateways, where the data goes. Pure data, so parsing and port planning are testable
 * without starting a process.
 *
 * @param broker    the local broker, or empty when {@code --bootstrap-servers} names a cluster
 * @param kafkaOnly only the broker (services run elsewhere, e.g. from an IDE)
 * @param auth      identity tokens on POST /connect, or empty for an open /connect
 */
record PlatformPlan(
        Path dataDir,
        int httpPort,
        List<GatewayPlan> gateways,
        int relayPort,
        Optional<BrokerConfig> broker,
        String bootstrapServers,
        boolean kafkaOnly,
        Optional<JwtAuth> auth) {

    /** One gateway: its id, port and the deliveries partition it reads. */
    record GatewayPlan(String id, int port, int deliveryPartition) {

        String listeningAddress() {
            return "http://127.0.0.1:" + port + "/ws";
        }
    }

    String sessionUrl() {
        return "http://127.0.0.1:" + httpPort;
    }

    Path relayStateDir() {
        return dataDir.resolve("relay");
    }

    /** Every port this run will listen on, user-facing ones first, for the check before start-up. */
    List<PortUse> ports() {
        List<PortUse> ports = new ArrayList<>();
        if (!kafkaOnly) {
            ports.add(new PortUse(httpPort, "session-service, --http-port"));
            gateways.forEach(g -> ports.add(new PortUse(g.port(), g.id() + ", the ports after --http-port")));
        }
        broker.ifPresent(b -> {
            ports.add(new PortUse(b.port(), "kafka, --kafka-port"));
            ports.add(new PortUse(b.controllerPort(), "kafka controller"));
        });
        if (!kafkaOnly) {
            ports.add(new PortUse(relayPort, "relay actuator"));
        }
        return ports;
    }

    /** The launcher's line at start about who may take a userId. */
    String authLine() {
        return auth.map(JwtAuth::describe).orElse(JwtAuth.OPEN);
    }

    /** The /connect settings of session-service: the identity-token source, if any. */
    List<String> sessionServiceArgs() {
        return auth.map(JwtAuth::sessionServiceArgs).orElse(List.of());
    }

    /** The one line that says the platform is usable, with every URL a user needs. */
    String readyLine() {
        if (kafkaOnly) {
            return "signaling platform ready: kafka only (kafka: " + bootstrapServers + ")";
        }
        String gatewayUrls = gateways.stream().map(GatewayPlan::listeningAddress).collect(Collectors.joining(", "));
        return "signaling platform ready: " + sessionUrl() + " (connect: POST " + sessionUrl() + "/connect; gateways: "
                + gatewayUrls + "; kafka: " + bootstrapServers + ")";
    }
}

package io.signaling.platform.launch;

import io.signaling.platform.kafka.BrokerConfig;
import io.signaling.platform.net.PortUse;
import io.signaling.platform.process.JavaCommand;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Everything one {@code platform} run will start, decided before anything starts: which
 * ports, which gateways, where the data goes. Pure data, so parsing and port planning are
 * testable without starting a process.
 *
 * @param broker the local broker, or empty when {@code --bootstrap-servers} names a
 * cluster
 * @param kafkaOnly only the broker (services run elsewhere, e.g. from an IDE)
 * @param auth identity tokens on POST /connect, or empty for an open /connect
 */
record PlatformPlan(Path dataDir, int httpPort, List<GatewayPlan> gateways, int relayPort,
        Optional<BrokerConfig> broker, String bootstrapServers, boolean kafkaOnly, Optional<JwtAuth> auth) {

    /**
     * A service's management port (actuator: health, metrics) is its public port plus
     * this, so that anyone who knows a public port finds its actuator without asking:
     * session-service on 8080 has it on 8180, gateway-1 on 8081 on 8181 (the defaults of
     * their yml, and what {@code bin/signaling bench} assumes). The relay has no public
     * port: its one port is a management port.
     */
    static final int MANAGEMENT_PORT_OFFSET = 100;

    /** One gateway: its id, port and the deliveries partition it reads. */
    record GatewayPlan(String id, int port, int deliveryPartition) {

        String listeningAddress() {
            return "http://127.0.0.1:" + port + "/ws";
        }

        int managementPort() {
            return port + MANAGEMENT_PORT_OFFSET;
        }
    }

    String sessionUrl() {
        return "http://127.0.0.1:" + httpPort;
    }

    int sessionManagementPort() {
        return httpPort + MANAGEMENT_PORT_OFFSET;
    }

    Path relayStateDir() {
        return dataDir.resolve("relay");
    }

    /** Every child's full log, {@code <name>.log} (the broker's is {@code kafka.log}). */
    Path logsDir() {
        return dataDir.resolve("logs");
    }

    /** Every child's {@code java.io.tmpdir}. */
    Path tmpDir() {
        return dataDir.resolve(JavaCommand.TMP_DIR);
    }

    /**
     * Every port this run will listen on, user-facing ones first, for the check before
     * start-up.
     */
    List<PortUse> ports() {
        List<PortUse> ports = new ArrayList<>();
        if (!kafkaOnly) {
            ports.add(new PortUse(httpPort, "session-service, --http-port"));
            gateways.forEach(g -> ports.add(new PortUse(g.port(), g.id() + ", the ports after --http-port")));
            ports.add(new PortUse(sessionManagementPort(),
                    "session-service management, --http-port + " + MANAGEMENT_PORT_OFFSET));
            gateways.forEach(g -> ports
                .add(new PortUse(g.managementPort(), g.id() + " management, its port + " + MANAGEMENT_PORT_OFFSET)));
        }
        broker.ifPresent(b -> {
            ports.add(new PortUse(b.port(), "kafka, --kafka-port"));
            ports.add(new PortUse(b.controllerPort(), "kafka controller"));
        });
        if (!kafkaOnly) {
            ports.add(new PortUse(relayPort, "relay management"));
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

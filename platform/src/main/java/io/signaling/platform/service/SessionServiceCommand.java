package io.signaling.platform.service;

import picocli.CommandLine.Command;

@Command(name = "session-service", mixinStandardHelpOptions = true,
        customSynopsis = "signaling session-service [-hV] [--name=value...]",
        description = "Runs session-service alone (POST /connect, GET and DELETE /sessions/{userId}). "
                + "Every argument is a Spring property passed through as --name=value.",
        footer = {"",
                "Properties [defaults]:",
                "  --spring.kafka.bootstrap-servers=HOST:PORT[,...]  [localhost:9092]",
                "  --server.port=N                   HTTP API and actuator  [8080]",
                "  --signaling.cors.allowed-origin-patterns=P[,...]",
                "                                    [http://localhost:*,http://127.0.0.1:*]",
                "  --signaling.topics.prefix=P               [signaling]",
                "  --signaling.topics.partitions=N           [12]",
                "  --signaling.topics.delivery-partitions=N  [16]",
                "  --signaling.topics.replication-factor=N   [1]",
                "  (the same signaling.topics.* values on every service of a platform)",
                "",
                "Example:",
                "  signaling session-service --spring.kafka.bootstrap-servers=kafka-1:9092 \\",
                "      --server.port=8080"})
public final class SessionServiceCommand extends ServiceCommand {

    @Override
    Service service() {
        return Service.SESSION_SERVICE;
    }
}

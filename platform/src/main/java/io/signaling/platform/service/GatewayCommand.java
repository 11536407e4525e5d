package io.signaling.platform.service;

import picocli.CommandLine.Command;

@Command(name = "gateway", mixinStandardHelpOptions = true,
        customSynopsis = "signaling gateway [-hV] [--name=value...]",
        description = "Runs one gateway alone (the SockJS endpoint clients connect to). "
                + "Every argument is a Spring property passed through as --name=value.",
        footer = {"",
                "Properties [defaults]:",
                "  --spring.kafka.bootstrap-servers=HOST:PORT[,...]  [localhost:9092]",
                "  --server.port=N                            [8081]",
                "  --signaling.gateway.id=ID                  unique per gateway",
                "  --signaling.gateway.listening-address=URL  the SockJS URL clients get,",
                "                                             e.g. http://host-1:8081/ws",
                "  --signaling.gateway.delivery-partitions=N  the deliveries partition(s) it",
                "                                             reads: 0, 1, ... one per gateway",
                "  --signaling.cors.allowed-origin-patterns=P[,...]",
                "                                    [http://localhost:*,http://127.0.0.1:*]",
                "  --signaling.topics.prefix=P               [signaling]",
                "  --signaling.topics.partitions=N           [12]",
                "  --signaling.topics.delivery-partitions=N  [16]",
                "  --signaling.topics.replication-factor=N   [1]",
                "  (the same signaling.topics.* values on every service of a platform)",
                "",
                "Example:",
                "  signaling gateway --spring.kafka.bootstrap-servers=kafka-1:9092 \\",
                "      --server.port=8081 --signaling.gateway.id=gateway-1 \\",
                "      --signaling.gateway.listening-address=http://host-1:8081/ws \\",
                "      --signaling.gateway.delivery-partitions=0"})
public final class GatewayCommand extends ServiceCommand {

    @Override
    Service service() {
        return Service.GATEWAY;
    }
}

package io.signaling.platform.service;

import picocli.CommandLine.Command;

@Command(name = "relay", mixinStandardHelpOptions = true,
        customSynopsis = "signaling relay [-hV] [--name=value...]",
        description = "Runs relay-streams alone (Kafka Streams: decides sessions, routes signals). "
                + "Every argument is a Spring property passed through as --name=value.",
        footer = {"",
                "Properties [defaults]:",
                "  --spring.kafka.bootstrap-servers=HOST:PORT[,...]  [localhost:9092]",
                "  --server.port=N                   actuator only  [8090]",
                "  --signaling.relay.application-id=ID   the same on every relay  [signaling-relay]",
                "  --signaling.relay.state-dir=DIR   where the local state stores live",
                "  --signaling.relay.unacked-session-ttl=DURATION  [30s]",
                "  --signaling.topics.prefix=P               [signaling]",
                "  --signaling.topics.partitions=N           [12]",
                "  --signaling.topics.delivery-partitions=N  [16]",
                "  --signaling.topics.replication-factor=N   [1]",
                "  (the same signaling.topics.* values on every service of a platform)",
                "",
                "Example:",
                "  signaling relay --spring.kafka.bootstrap-servers=kafka-1:9092 \\",
                "      --signaling.relay.state-dir=/var/lib/relay"})
public final class RelayCommand extends ServiceCommand {

    @Override
    Service service() {
        return Service.RELAY;
    }
}

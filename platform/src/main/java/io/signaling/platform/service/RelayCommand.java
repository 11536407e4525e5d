package io.signaling.platform.service;

import picocli.CommandLine.Command;

@Command(name = "relay", mixinStandardHelpOptions = true, customSynopsis = "signaling relay [-hV] [--name=value...]",
        description = "Runs relay-streams alone (Kafka Streams: decides sessions, routes signals). "
                + ServiceHelp.PASS_THROUGH,
        footer = { "", "Properties [defaults]:", ServiceHelp.BOOTSTRAP_SERVERS,
                "  --server.port=N                   actuator only (management)  [8090]",
                "  --signaling.relay.application-id=ID   the same on every relay  [signaling-relay]",
                "  --signaling.relay.state-dir=DIR   where the local state stores live",
                "  --signaling.relay.unacked-session-ttl=DURATION  [30s]",
                "  --signaling.relay.num-standby-replicas=N        [1]",
                "  --signaling.relay.group.session-timeout=DURATION  a crashed relay's",
                "                                    partitions move after this  [6s]", ServiceHelp.TOPICS, "",
                "Example:", "  signaling relay --spring.kafka.bootstrap-servers=kafka-1:9092 \\",
                "      --signaling.relay.state-dir=/var/lib/relay" })
public final class RelayCommand extends ServiceCommand {

    @Override
    Service service() {
        return Service.RELAY;
    }

}

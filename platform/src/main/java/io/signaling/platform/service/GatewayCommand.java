package io.signaling.platform.service;

import picocli.CommandLine.Command;

@Command(name = "gateway", mixinStandardHelpOptions = true,
        customSynopsis = "signaling gateway [-hV] [--name=value...]",
        description = "Runs one gateway alone (the SockJS endpoint clients connect to). " + ServiceHelp.PASS_THROUGH,
        footer = { "", "Properties [defaults]:", ServiceHelp.BOOTSTRAP_SERVERS,
                "  --server.port=N                            [8081]",
                "  --management.server.port=N                 actuator (health, metrics)",
                "                                             [8181]; one per gateway",
                "  --signaling.gateway.id=ID                  unique per gateway",
                "  --signaling.gateway.listening-address=URL  the SockJS URL clients get,",
                "                                             e.g. http://host-1:8081/ws",
                "  --signaling.gateway.delivery-partitions=N  the deliveries partition(s) it",
                "                                             reads: 0, 1, ... one per gateway", ServiceHelp.CORS,
                ServiceHelp.TOPICS, "", "Example:",
                "  signaling gateway --spring.kafka.bootstrap-servers=kafka-1:9092 \\",
                "      --server.port=8081 --signaling.gateway.id=gateway-1 \\",
                "      --signaling.gateway.listening-address=http://host-1:8081/ws \\",
                "      --signaling.gateway.delivery-partitions=0" })
public final class GatewayCommand extends ServiceCommand {

    @Override
    Service service() {
        return Service.GATEWAY;
    }

}

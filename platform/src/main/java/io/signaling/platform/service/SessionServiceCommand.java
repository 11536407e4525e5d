package io.signaling.platform.service;

import picocli.CommandLine.Command;

@Command(name = "session-service", mixinStandardHelpOptions = true,
        customSynopsis = "signaling session-service [-hV] [--name=value...]",
        description = "Runs session-service alone (POST /connect, GET and DELETE /sessions/{userId}). "
                + ServiceHelp.PASS_THROUGH,
        footer = { "", "Properties [defaults]:", ServiceHelp.BOOTSTRAP_SERVERS,
                "  --server.port=N                   HTTP API  [8080]",
                "  --management.server.port=N        actuator (health, metrics)  [8180]", ServiceHelp.CORS,
                "  --signaling.auth.jwt.issuer-uri=URL | .jwk-set-uri=URL | .hmac-secret-file=FILE",
                "                                    require a JWT on POST /connect  [unset: open]",
                "  --signaling.auth.jwt.audience=AUD  the aud tokens must carry  [unset]", ServiceHelp.TOPICS, "",
                "Example:", "  signaling session-service --spring.kafka.bootstrap-servers=kafka-1:9092 \\",
                "      --server.port=8080" })
public final class SessionServiceCommand extends ServiceCommand {

    @Override
    Service service() {
        return Service.SESSION_SERVICE;
    }

}

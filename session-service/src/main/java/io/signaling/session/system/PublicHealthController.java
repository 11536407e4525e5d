package io.signaling.session.system;

import java.util.Map;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.contributor.Status;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Contract §5: the session service answers {@code GET /actuator/health} with {@code UP}
 * once Kafka is reachable and a gateway is live, on the port clients and conformance
 * checks reach. Actuator itself lives on the management port; here is only the aggregate
 * status of the same health endpoint, without details (which gateways, which brokers), so
 * the public port maps nothing of the deployment for a stranger.
 */
@RestController
class PublicHealthController {

    private final HealthEndpoint health;

    PublicHealthController(HealthEndpoint health) {
        this.health = health;
    }

    @GetMapping(path = "/actuator/health", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, String>> health() {
        Status status = health.health().getStatus();
        return ResponseEntity.status(Status.UP.equals(status) ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE)
            .body(Map.of("status", status.getCode()));
    }

}

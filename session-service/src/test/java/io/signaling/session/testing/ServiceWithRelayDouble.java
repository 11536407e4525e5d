package io.signaling.session.testing;

import io.signaling.schemas.gateway.GatewayHeartbeat;
import io.signaling.schemas.topic.Topics;
import io.signaling.session.gateways.GatewayRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a test of the whole service on an embedded broker has: its ports, the topics, the
 * test's clock, the gateway registry, an HTTP client, and the relay played by the test
 * ({@link RelayDouble}), started once per class (the subclass runs
 * {@code @TestInstance(PER_CLASS)}).
 */
public abstract class ServiceWithRelayDouble {

    @LocalServerPort
    protected int port;

    @LocalManagementPort
    protected int managementPort;

    @Value("${spring.kafka.bootstrap-servers}")
    private String bootstrapServers;

    @Autowired
    protected Topics topics;

    @Autowired
    protected MutableClock clock;

    @Autowired
    protected GatewayRegistry gateways;

    protected final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    protected final JsonMapper json = JsonMapper.builder().build();

    protected RelayDouble relay;

    @BeforeAll
    void startRelay() {
        relay = new RelayDouble(bootstrapServers, topics, clock);
    }

    @AfterAll
    void stopRelay() throws InterruptedException {
        relay.close();
    }

    /**
     * A heartbeat of {@code gatewayId}, sent {@code at}, written as its gateway would.
     */
    protected void heartbeat(String gatewayId, String address, Instant at) {
        String topic = topics.gateways().name();
        GatewayHeartbeat heartbeat = new GatewayHeartbeat(gatewayId, address, List.of(0), 0, 0, false, at, at);
        relay.write(topic, gatewayId, topics.gateways().valueSerde().serializer().serialize(topic, heartbeat));
    }

    protected static URI uri(int port, String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

}

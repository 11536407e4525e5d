package io.signaling.schemas.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.signaling.schemas.json.Serdes;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Deserializer;
import org.junit.jupiter.api.Test;

/**
 * During a rolling upgrade, session-services and relays read beats of gateways that do
 * not yet announce capacity or load: such a beat must still be read (as "no limit known,
 * not shedding"), or the older gateways would vanish from every registry.
 */
class GatewayHeartbeatTest {

    @Test
    void aBeatWithoutCapacityOrLoadIsReadAsUnlimitedAndNotShedding() {
        String older = """
                {"gatewayId":"gw-1","listeningAddress":"http://127.0.0.1:8081/ws","deliveryPartitions":[0],
                 "connections":7,"at":"2026-01-01T00:00:05Z","startedAt":"2026-01-01T00:00:00Z"}""";
        Deserializer<GatewayHeartbeat> reader = Serdes.json(GatewayHeartbeat.class).deserializer();

        GatewayHeartbeat beat = reader.deserialize("signaling.gateways", new RecordHeaders(),
                older.getBytes(StandardCharsets.UTF_8));

        assertThat(beat).isEqualTo(new GatewayHeartbeat("gw-1", "http://127.0.0.1:8081/ws", List.of(0), 7, 0, false,
                Instant.parse("2026-01-01T00:00:05Z"), Instant.parse("2026-01-01T00:00:00Z")));
    }

}

package io.signaling.session.testing;

import io.signaling.schemas.gateway.GatewayHeartbeat;
import io.signaling.session.gateways.GatewayRegistry;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Our {@link GatewayRegistry} port with a list of live gateways set by the test. */
public final class FakeGateways implements GatewayRegistry {

    private final List<GatewayHeartbeat> live = new CopyOnWriteArrayList<>();

    public static GatewayHeartbeat gateway(String id, int port, Integer... partitions) {
        return new GatewayHeartbeat(id, "http://127.0.0.1:" + port + "/ws", List.of(partitions), 0, 0, false,
                Instant.now(), Instant.now());
    }

    public FakeGateways set(GatewayHeartbeat... gateways) {
        live.clear();
        live.addAll(List.of(gateways));
        return this;
    }

    @Override
    public List<GatewayHeartbeat> live() {
        return live.stream().sorted(Comparator.comparing(GatewayHeartbeat::gatewayId)).toList();
    }

}

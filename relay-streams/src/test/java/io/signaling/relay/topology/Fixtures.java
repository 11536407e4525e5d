package io.signaling.relay.topology;

import io.signaling.schemas.delivery.SignalDelivery;
import io.signaling.schemas.json.RawJson;
import io.signaling.schemas.gateway.ConnectionClosed;
import io.signaling.schemas.gateway.ConnectionOpened;
import io.signaling.schemas.gateway.DeliveryFailed;
import io.signaling.schemas.security.ListeningKeys;
import io.signaling.schemas.session.CreateSession;
import io.signaling.schemas.session.DeleteReason;
import io.signaling.schemas.session.EndSession;
import io.signaling.schemas.signal.SignalAccepted;
import java.time.Instant;

/** Input records as session-service and gateways write them. */
final class Fixtures {

    static final Instant AT = Instant.parse("2030-01-01T00:00:00Z");

    private Fixtures() {
    }

    static String gatewayOf(String userId) {
        return "gateway-" + userId;
    }

    /**
     * TopologyTestDriver gives every output topic one partition, and the deliveries sink
     * drops a record whose partition is outside the topic: in driver tests every gateway
     * consumes partition 0. {@code DeliveriesTest} and {@code DeliveryPartitionerTest}
     * cover real partitions.
     */
    static int partitionOf(String userId) {
        return 0;
    }

    static CreateSession create(String userId, String sessionId) {
        return new CreateSession(userId, sessionId, ListeningKeys.hash("key-" + sessionId), gatewayOf(userId),
                "http://127.0.0.1:8081/ws", partitionOf(userId), AT);
    }

    static EndSession end(String userId, String sessionId) {
        return new EndSession(userId, sessionId, AT);
    }

    static ConnectionOpened opened(String userId, String sessionId) {
        return new ConnectionOpened(userId, sessionId, gatewayOf(userId), AT);
    }

    static ConnectionClosed closed(String userId, String sessionId, DeleteReason reason) {
        return new ConnectionClosed(userId, sessionId, gatewayOf(userId), reason, AT);
    }

    static RawJson content(String json) {
        return RawJson.parse(json);
    }

    /**
     * A signal as the sender's gateway accepts it: the sender's session is
     * {@code from + "-session"}.
     */
    static SignalAccepted signal(String id, String from, String to) {
        return new SignalAccepted(id, from, to, content("{\"sdp\":\"offer " + id + "\",\"n\":[1,2]}"), AT,
                from + "-session", gatewayOf(from), partitionOf(from));
    }

    static DeliveryFailed failed(SignalDelivery delivery) {
        return new DeliveryFailed(delivery.userId(), delivery, AT);
    }

}

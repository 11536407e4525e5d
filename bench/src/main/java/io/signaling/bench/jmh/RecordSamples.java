package io.signaling.bench.jmh;

import io.signaling.schemas.delivery.Delivery;
import io.signaling.schemas.gateway.GatewayHeartbeat;
import io.signaling.schemas.gateway.GatewayReport;
import io.signaling.schemas.json.Json;
import io.signaling.schemas.session.SessionCommand;
import io.signaling.schemas.session.SessionEvent;
import io.signaling.schemas.session.SessionState;
import io.signaling.schemas.signal.SignalAccepted;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One realistic instance of every record on Kafka, as the JSON its topic carries, with
 * the type the topic's serde reads (the sealed family, as in {@code Topics}). Kept as
 * JSON rather than constructor calls so the benchmark follows the records as they evolve.
 */
final class RecordSamples {

    /** About 600 bytes of SDP-like content, like a typical signal. */
    static final String CONTENT = "{\"type\":\"offer\",\"sdp\":\"v=0\\r\\no=- 4611731400430051336 2 IN IP4 127.0.0.1\\r\\n"
            + "s=-\\r\\nt=0 0\\r\\na=group:BUNDLE 0\\r\\nm=audio 9 UDP/TLS/RTP/SAVPF 111\\r\\nc=IN IP4 0.0.0.0\\r\\n"
            + "a=ice-ufrag:sXl0\\r\\na=ice-pwd:dQ3bW8uZ5kP2rT7yV1mN4cX6\\r\\na=ice-options:trickle\\r\\n"
            + "a=fingerprint:sha-256 7B:8B:F0:65:5F:78:E2:51:3B:AC:6F:F3:3F:46:1B:35:DC:B8:5F:64:1A:24:C2:43:F0:A1:58:D0:A1:2C:19:08\\r\\n"
            + "a=setup:actpass\\r\\na=mid:0\\r\\na=sendrecv\\r\\na=rtcp-mux\\r\\na=rtpmap:111 opus/48000/2\\r\\n"
            + "a=fmtp:111 minptime=10;useinbandfec=1\\r\\na=ssrc:3735928559 cname:Yq2mW4pL8nR1tV6x\\r\\n\"}";

    static final String SIGNAL_DELIVERY = "{\"type\":\"signal\",\"gatewayId\":\"gateway-2\",\"deliveryPartition\":1,"
            + "\"userId\":\"bob\",\"sessionId\":\"5f0c6d3e-1b2a-4c3d-8e9f-0a1b2c3d4e5f\",\"id\":\"m-42\",\"from\":\"alice\","
            + "\"to\":\"bob\",\"content\":" + CONTENT + ",\"sentAt\":\"2030-01-01T00:00:00.123456Z\","
            + "\"senderSessionId\":\"0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d\",\"senderGatewayId\":\"gateway-1\","
            + "\"senderDeliveryPartition\":0,\"sourcePartition\":7,\"sourceOffset\":123456}";

    /** Record name → (JSON, the type its topic's serde is built for). */
    static final Map<String, Sample> ALL = new LinkedHashMap<>();

    record Sample(String json, Class<?> type) {
    }

    static {
        String at = "\"2030-01-01T00:00:00.123456Z\"";
        String key = "\"keyHash\":\"sha256:3q2+7w8nY4m1Kp0aVx5bZc9dLr6tWq2eHs8uJf4gAo=\"";
        add("create-session", SessionCommand.class, "{\"type\":\"create-session\",\"userId\":\"alice\","
                + "\"sessionId\":\"0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d\"," + key + ",\"gatewayId\":\"gateway-1\","
                + "\"listeningAddress\":\"http://127.0.0.1:8081/ws\",\"deliveryPartition\":0,\"requestedAt\":" + at
                + "}");
        add("end-session", SessionCommand.class, "{\"type\":\"end-session\",\"userId\":\"alice\","
                + "\"sessionId\":\"0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d\",\"requestedAt\":" + at + "}");
        add("connection-opened", GatewayReport.class,
                "{\"type\":\"connection-opened\",\"userId\":\"alice\","
                        + "\"sessionId\":\"0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d\",\"gatewayId\":\"gateway-1\",\"at\":"
                        + at + "}");
        add("connection-closed", GatewayReport.class,
                "{\"type\":\"connection-closed\",\"userId\":\"alice\","
                        + "\"sessionId\":\"0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d\",\"gatewayId\":\"gateway-1\","
                        + "\"reason\":\"connection-closed\",\"at\":" + at + "}");
        add("delivery-failed", GatewayReport.class, "{\"type\":\"delivery-failed\",\"userId\":\"bob\",\"delivery\":"
                + SIGNAL_DELIVERY + ",\"at\":" + at + "}");
        add("signal-accepted", SignalAccepted.class,
                "{\"id\":\"m-42\",\"from\":\"alice\",\"to\":\"bob\",\"content\":" + CONTENT + ",\"sentAt\":" + at
                        + ",\"senderSessionId\":\"0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d\","
                        + "\"senderGatewayId\":\"gateway-1\",\"senderDeliveryPartition\":0}");
        add("session-created", SessionEvent.class, "{\"type\":\"session-created\",\"userId\":\"alice\","
                + "\"sessionId\":\"0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d\"," + key + ",\"gatewayId\":\"gateway-1\","
                + "\"listeningAddress\":\"http://127.0.0.1:8081/ws\",\"deliveryPartition\":0,\"at\":" + at
                + ",\"expiresAt\":\"2030-01-01T00:00:30.123456Z\"}");
        add("session-refused", SessionEvent.class,
                "{\"type\":\"session-refused\",\"userId\":\"alice\","
                        + "\"sessionId\":\"1b2c3d4e-5f6a-7b8c-9d0e-1f2a3b4c5d6e\",\"reason\":\"user-id-taken\",\"at\":"
                        + at + "}");
        add("session-acked", SessionEvent.class,
                "{\"type\":\"session-acked\",\"userId\":\"alice\","
                        + "\"sessionId\":\"0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d\",\"gatewayId\":\"gateway-1\",\"at\":"
                        + at + "}");
        add("session-deleted", SessionEvent.class, "{\"type\":\"session-deleted\",\"userId\":\"alice\","
                + "\"sessionId\":\"0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d\",\"reason\":\"connection-closed\",\"at\":" + at
                + "}");
        add("session-expired", SessionEvent.class, "{\"type\":\"session-expired\",\"userId\":\"alice\","
                + "\"sessionId\":\"0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d\",\"at\":" + at + "}");
        add("session-state", SessionState.class,
                "{\"userId\":\"alice\",\"sessionId\":\"0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d\"," + key
                        + ",\"gatewayId\":\"gateway-1\",\"listeningAddress\":\"http://127.0.0.1:8081/ws\","
                        + "\"deliveryPartition\":0,\"acked\":true,\"createdAt\":" + at
                        + ",\"expiresAt\":\"2030-01-01T00:00:30.123456Z\",\"ackedAt\":\"2030-01-01T00:00:00.200000Z\"}");
        add("signal-delivery", Delivery.class, SIGNAL_DELIVERY);
        add("signal-rejection", Delivery.class,
                "{\"type\":\"rejection\",\"gatewayId\":\"gateway-1\",\"deliveryPartition\":0,"
                        + "\"userId\":\"alice\",\"sessionId\":\"0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d\",\"id\":\"m-42\",\"to\":\"bob\","
                        + "\"reason\":\"no-session\",\"sourcePartition\":7," + "\"sourceOffset\":123456}");
        add("gateway-heartbeat", GatewayHeartbeat.class, "{\"gatewayId\":\"gateway-1\","
                + "\"listeningAddress\":\"http://127.0.0.1:8081/ws\",\"deliveryPartitions\":[0],\"connections\":1234,"
                + "\"at\":" + at + ",\"startedAt\":\"2030-01-01T00:00:00Z\"}");
    }

    private RecordSamples() {
    }

    private static void add(String name, Class<?> type, String json) {
        ALL.put(name, new Sample(json, type));
    }

    /** The sample as its record. */
    static Object value(String name) {
        Sample sample = ALL.get(name);
        if (sample == null) {
            throw new IllegalArgumentException("no sample named " + name);
        }
        return Json.mapper().readValue(sample.json(), sample.type());
    }

}

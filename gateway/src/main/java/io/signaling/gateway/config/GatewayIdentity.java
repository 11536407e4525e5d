package io.signaling.gateway.config;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.event.EventListener;

/**
 * Who this gateway is: its id, the deliveries partitions it reads, the address it
 * announces, and when this process started. The address is known only once the web server
 * has bound its port, which happens before the first heartbeat (the heartbeat publisher
 * starts in a later lifecycle phase). The start time is taken when the context is built,
 * before any connection can be accepted: the relay ends every session acked before it,
 * because its connection died with an earlier process of the same id.
 */
public final class GatewayIdentity {

    private final String id;

    private final List<Integer> deliveryPartitions;

    private final String contextPath;

    private final Instant startedAt;

    private volatile String listeningAddress;

    public GatewayIdentity(GatewayProperties properties, int deliveryPartitionCount, String contextPath,
            Instant startedAt) {
        this.id = properties.id() == null || properties.id().isBlank() ? randomId() : properties.id();
        this.deliveryPartitions = properties.deliveryPartitions() == null || properties.deliveryPartitions().isEmpty()
                ? List.of(Math.floorMod(id.hashCode(), deliveryPartitionCount))
                : List.copyOf(properties.deliveryPartitions());
        for (int partition : deliveryPartitions) {
            if (partition < 0 || partition >= deliveryPartitionCount) {
                throw new IllegalArgumentException("signaling.gateway.delivery-partitions: " + partition
                        + " is not a partition of the deliveries topic (0.." + (deliveryPartitionCount - 1) + ")");
            }
        }
        this.contextPath = contextPath == null ? "" : contextPath;
        this.startedAt = startedAt;
        this.listeningAddress = properties.listeningAddress();
    }

    public String id() {
        return id;
    }

    public List<Integer> deliveryPartitions() {
        return deliveryPartitions;
    }

    /**
     * When this gateway process started; announced in every heartbeat, so the relay can
     * tell a restart.
     */
    public Instant startedAt() {
        return startedAt;
    }

    /** {@code null} until the web server has started when not configured. */
    public String listeningAddress() {
        return listeningAddress;
    }

    /**
     * The partition where answers (rejections) for a sender must go: the one its session
     * was bound to when this gateway reads it, else this gateway's first (e.g. after a
     * partition change).
     */
    public int answerPartition(int sessionPartition) {
        return deliveryPartitions.contains(sessionPartition) ? sessionPartition : deliveryPartitions.get(0);
    }

    @EventListener
    void onWebServerInitialized(WebServerInitializedEvent event) {
        if (listeningAddress == null && event.getApplicationContext().getServerNamespace() == null) {
            listeningAddress = "http://127.0.0.1:" + event.getWebServer().getPort() + contextPath + "/ws";
        }
    }

    private static String randomId() {
        byte[] bytes = new byte[4];
        new SecureRandom().nextBytes(bytes);
        return "gw-" + HexFormat.of().formatHex(bytes);
    }

}

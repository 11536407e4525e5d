package io.signaling.gateway.system;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code signaling.gateway.*}. Unset {@code id}, {@code listeningAddress} and
 * {@code deliveryPartitions} are derived at start-up by {@link GatewayIdentity}.
 *
 * @param id                    this gateway's id in sessions, deliveries and heartbeats; default {@code gw-} + 8 random hex
 *                              characters. Set it in production: the delivery consumer's committed position is kept
 *                              under {@code signaling-gateway-<id>}, so a restart with the same id resumes where it was
 * @param listeningAddress      the SockJS URL announced to session-service; default {@code http://127.0.0.1:<port>/ws}
 * @param deliveryPartitions    the deliveries partitions this gateway reads; default one, derived from the id
 * @param maxMessageBytes       the largest client message, in UTF-8 bytes; larger ones get {@code message-too-large}
 * @param rateLimit             per-connection token bucket
 * @param heartbeatInterval     how often a {@code GatewayHeartbeat} is written
 * @param handshakeWait         how long a handshake waits for the sessions view to show the session
 * @param sockjsHeartbeat       SockJS heartbeat frames; a dead transport is noticed when one cannot be written
 * @param sockjsDisconnectDelay how long an HTTP-transport client may be without a pending request before its
 *                              connection counts as closed (SockJS disconnect delay); bounds how late a close is seen
 * @param sendTimeLimit         a send to a client blocked longer than this closes the connection (slow consumer)
 * @param sendBufferLimit       frames buffered for a client while another send is in progress, before closing it
 */
@ConfigurationProperties("signaling.gateway")
public record GatewayProperties(
        String id,
        String listeningAddress,
        List<Integer> deliveryPartitions,
        @DefaultValue("65536") int maxMessageBytes,
        @DefaultValue RateLimit rateLimit,
        @DefaultValue("2s") Duration heartbeatInterval,
        @DefaultValue("3s") Duration handshakeWait,
        @DefaultValue("5s") Duration sockjsHeartbeat,
        @DefaultValue("1s") Duration sockjsDisconnectDelay,
        @DefaultValue("10s") Duration sendTimeLimit,
        @DefaultValue("1MB") DataSize sendBufferLimit) {

    /**
     * @param perSecond tokens refilled per second: the sustained messages/s of one connection
     * @param burst     bucket capacity: messages one connection may send at once
     */
    public record RateLimit(@DefaultValue("200") int perSecond, @DefaultValue("1000") int burst) {
    }
}

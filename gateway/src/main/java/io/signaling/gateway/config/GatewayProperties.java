package io.signaling.gateway.config;

import io.signaling.gateway.frame.ContentLimits;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code signaling.gateway.*}. Unset {@code id}, {@code listeningAddress} and
 * {@code deliveryPartitions} are derived at start-up by {@link GatewayIdentity}. Defaults
 * and their reasons: docs/operations.md and docs/security.md.
 *
 * @param id this gateway's id in sessions, deliveries and heartbeats; default {@code gw-}
 * + 8 random hex characters. Set it in production: the delivery consumer's committed
 * position is kept under {@code signaling-gateway-<id>}, so a restart with the same id
 * resumes where it was
 * @param listeningAddress the SockJS URL announced to session-service; default
 * {@code http://127.0.0.1:<port>/ws}
 * @param deliveryPartitions the deliveries partitions this gateway reads; default one,
 * derived from the id
 * @param maxMessageBytes the largest client message, in UTF-8 bytes; larger ones get
 * {@code message-too-large}
 * @param content nesting and number limits of a client message; beyond them,
 * {@code invalid-message}
 * @param rateLimit per-connection token bucket; every client message takes a token, valid
 * or not
 * @param heartbeatInterval how often a {@code GatewayHeartbeat} is written
 * @param handshakeWait how long a handshake whose session this gateway's view does not
 * show yet waits for the view's next fetch round to bring it
 * @param handshakeMaxWaiting handshakes waiting for the view at once; one more is decided
 * at once on what the view shows
 * @param handshakeRate handshakes per client address; more are refused (HTTP 429, or
 * {@code c[4429,"rate-limited"]})
 * @param sockjsHeartbeat SockJS heartbeat frames (written by the outbox on the websocket
 * transport, by SockJS on HTTP)
 * @param sockjsDisconnectDelay how long an HTTP-transport client may be without a pending
 * request before its connection counts as closed (SockJS disconnect delay); bounds how
 * late a close is seen
 * @param sendTimeLimit a connection with frames waiting for it and nothing written for
 * this long is closed {@code 4008 slow-consumer}
 * @param sendBufferLimit a connection whose queued frames exceed this is closed
 * {@code 4008 slow-consumer}
 * @param pingInterval how often a websocket connection is sent a WebSocket ping
 * @param pongTimeout a websocket connection that has not answered a ping for this long is
 * lost
 * @param maxHttpBody the largest request body of a SockJS HTTP transport
 * ({@code xhr_send} …); larger: 413
 * @param writerThreads most threads writing to clients at once; a write stuck on a client
 * holds one
 * @param admission when client messages are refused {@code overloaded} instead of queued
 * (docs/architecture.md, "Admission control")
 * @param maxConnections the most connections this gateway holds; one more handshake is
 * refused ({@code gateway-full}), and session-service binds no session to a gateway at
 * it. Unset: derived from the heap, see {@link #connectionsForHeap(long)}
 * @param deliveriesBatchWait after a poll that brought deliveries, the deliveries
 * consumer polls again no sooner than this: under load each fetch then carries what came
 * in meanwhile (fewer fetches per signal), when quiet nothing waits (a poll that brings
 * nothing is not followed by a wait). 0: no wait. 2 ms: −14 % CPU per signal at 2,000/s,
 * nothing added at 500/s (docs/performance.md)
 */
@ConfigurationProperties("signaling.gateway")
public record GatewayProperties(String id, String listeningAddress, List<Integer> deliveryPartitions,
        @DefaultValue("65536") int maxMessageBytes, @DefaultValue Content content, @DefaultValue RateLimit rateLimit,
        @DefaultValue("2s") Duration heartbeatInterval, @DefaultValue("3s") Duration handshakeWait,
        @DefaultValue("64") int handshakeMaxWaiting, @DefaultValue HandshakeRate handshakeRate,
        @DefaultValue("5s") Duration sockjsHeartbeat, @DefaultValue("1s") Duration sockjsDisconnectDelay,
        @DefaultValue("10s") Duration sendTimeLimit, @DefaultValue("1MB") DataSize sendBufferLimit,
        @DefaultValue("10s") Duration pingInterval, @DefaultValue("10s") Duration pongTimeout,
        @DefaultValue("1MB") DataSize maxHttpBody, @DefaultValue("200") int writerThreads,
        @DefaultValue AdmissionLimits admission, Integer maxConnections,
        @DefaultValue("2ms") Duration deliveriesBatchWait) {

    /**
     * Heap a gateway keeps for itself (Spring, Kafka clients, Tomcat) before connections:
     * 66 MB measured, rounded up.
     */
    static final long BASE_HEAP_BYTES = 96L * 1024 * 1024;

    /**
     * Heap per connection: 66 KiB measured idle (docs/performance.md), with room for its
     * outbox under traffic.
     */
    static final long HEAP_PER_CONNECTION_BYTES = 100L * 1024;

    public GatewayProperties {
        if (maxConnections == null) {
            maxConnections = connectionsForHeap(Runtime.getRuntime().maxMemory());
        }
        if (deliveriesBatchWait == null) {
            deliveriesBatchWait = Duration.ofMillis(2);
        }
        if (maxConnections < 1) {
            throw new IllegalArgumentException("signaling.gateway.max-connections must be at least 1");
        }
    }

    /**
     * The default of {@code max-connections}: what the heap holds, so that a full gateway
     * refuses rather than runs out of memory: about 4,000 with the launcher's 512 MiB,
     * 20,000 with 2 GiB.
     */
    static int connectionsForHeap(long maxHeapBytes) {
        return (int) Math.max(1,
                Math.min(Integer.MAX_VALUE, (maxHeapBytes - BASE_HEAP_BYTES) / HEAP_PER_CONNECTION_BYTES));
    }

    /**
     * When the gateway refuses a client message {@code overloaded} rather than let it
     * queue (contract §2: an acked signal is delivered within 2 s at p99, whatever the
     * offered load).
     *
     * @param maxInFlight signals handed to Kafka and not yet acknowledged by it; one more
     * is refused. A backstop for memory (with half the producer's buffer in bytes): room
     * for two clients' whole bursts (1,000 each, the per-connection rate limit's); how
     * long they wait is the next bound's
     * @param maxAckLatency the smoothed time Kafka takes to acknowledge this gateway's
     * signals above which it refuses (clears at half, or once nothing is in flight):
     * behind a slow broker a count of signals in flight says little about how long they
     * wait
     * @param maxDeliveryAge the smoothed age (accept time at the sender's gateway → read
     * here) of the signals this gateway delivers above which it admits only a limited
     * rate, cut until the age falls, grown back under half of it. Ages are seen late, so
     * the bound sits well under 2 s
     * @param idleAfter the shortest silence (no delivery) after which the path counts as
     * drained and a rate limit is lifted; it is the last smoothed age when that is longer
     * (a busy relay delivers in bursts)
     */
    public record AdmissionLimits(@DefaultValue("2000") int maxInFlight, @DefaultValue("500ms") Duration maxAckLatency,
            @DefaultValue("200ms") Duration maxDeliveryAge, @DefaultValue("250ms") Duration idleAfter) {

        public AdmissionLimits {
            if (maxInFlight < 1 || maxAckLatency.isNegative() || maxAckLatency.isZero() || maxDeliveryAge.isNegative()
                    || maxDeliveryAge.isZero() || idleAfter.isNegative()) {
                throw new IllegalArgumentException("signaling.gateway.admission.* must be positive");
            }
        }
    }

    /**
     * @param perSecond tokens refilled per second: the sustained messages/s of one
     * connection
     * @param burst bucket capacity: messages one connection may send at once
     */
    public record RateLimit(@DefaultValue("200") int perSecond, @DefaultValue("1000") int burst) {
    }

    /**
     * @param maxDepth deepest nesting of a client message, its own object included
     * @param maxNumberLength most characters in one JSON number of a client message
     */
    public record Content(@DefaultValue("64") int maxDepth, @DefaultValue("100") int maxNumberLength) {

        public ContentLimits limits() {
            return new ContentLimits(maxDepth, maxNumberLength);
        }
    }

    /**
     * @param perSecond handshakes per second one client address may start, sustained
     * @param burst handshakes one client address may start at once
     * @param addresses addresses remembered at once (least recently seen forgotten first)
     */
    public record HandshakeRate(@DefaultValue("20") int perSecond, @DefaultValue("100") int burst,
            @DefaultValue("10000") int addresses) {
    }
}

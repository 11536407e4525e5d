package io.signaling.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.signaling.schemas.session.DeleteReason;
import io.signaling.system.SignalingClient.Via;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 17: a client that vanishes (its network drops everything: no FIN, no RST) loses
 * its session in bounded time, through a proxy of the test's own that swallows traffic
 * both ways. On the websocket transport the gateway's pings go unanswered: the session
 * ends {@code connection-lost} within ping interval + pong timeout, and a signal written
 * to it after its last answered ping is answered {@code recipient-unavailable}. On
 * xhr-streaming there are no pings: it is noticed when writes to it stall, or (here,
 * first) when SockJS recycles its streamed response after 1 MiB and no next request
 * comes; what was queued for it is answered, and so is what went into its streams that no
 * later request confirmed (docs/architecture.md, "Vanished connections").
 */
@ExtendWith(AttackPlatform.Resolver.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class VanishedClientTest {

    private static final Logger log = LoggerFactory.getLogger(VanishedClientTest.class);

    @Test
    void aVanishedWebSocketClientLosesItsSessionWithinPingIntervalAndTimeout(Platform platform) throws Exception {
        SessionApi api = new SessionApi(platform.sessionUrl());
        String goneId = ContractTests.newUser("gone-ws");
        SessionApi.Session gone = api.connect(goneId);
        try (TcpProxy proxy = new TcpProxy(URI.create(gone.listeningAddress()).getPort());
                SignalingClient peer = SignalingClient.open(api.connect(ContractTests.newUser("peer")),
                        Via.RAW_WEBSOCKET);
                SignalingClient client = SignalingClient.open(throughProxy(gone, proxy), Via.RAW_WEBSOCKET);
                Bystanders bystanders = Bystanders.nextTo(platform, goneId)) {
            await().atMost(Duration.ofSeconds(5)).until(() -> api.get(goneId).body().path("acked").asBoolean());
            // a few pings answered through the proxy: the connection is alive and stays
            // so
            await().during(AttackPlatform.PING_INTERVAL.plus(AttackPlatform.PONG_TIMEOUT).plusSeconds(1))
                .atMost(Duration.ofSeconds(10))
                .until(() -> api.get(goneId).status() == 200);

            proxy.swallow();
            long vanished = System.nanoTime();
            peer.send(goneId, Map.of("sdp", "offer"), "into-the-void");

            assertThat(SessionEvents.awaitDeleted(platform, goneId, Duration.ofSeconds(15)))
                .isEqualTo(DeleteReason.CONNECTION_LOST);
            Duration detected = Duration.ofNanos(System.nanoTime() - vanished);
            log.info("Vanished websocket client: session deleted {} ms after it vanished", detected.toMillis());
            assertThat(detected).as("from vanishing to the session's deletion")
                .isLessThan(
                        AttackPlatform.PING_INTERVAL.plus(AttackPlatform.PONG_TIMEOUT).plus(UnderLoad.contractBound()));
            peer.awaitFrame(SignalingClient.ofType("ack", "into-the-void"));
            assertThat(peer.awaitFrame(SignalingClient.ofType("error", "into-the-void")).path("code").asString())
                .isEqualTo("recipient-unavailable");
            assertThat(client.closeStatus()).isNull(); // the client heard nothing: it is
                                                       // gone, not closed
            bystanders.assertRoundTripWithinLimit();
        }
    }

    @Test
    void aVanishedXhrStreamingClientLosesItsSessionOnceWritesToItStall(Platform platform) throws Exception {
        SessionApi api = new SessionApi(platform.sessionUrl());
        String goneId = ContractTests.newUser("gone-xhr");
        SessionApi.Session gone = api.connect(goneId);
        try (TcpProxy proxy = new TcpProxy(URI.create(gone.listeningAddress()).getPort());
                SignalingClient peer = SignalingClient.open(api.connect(ContractTests.newUser("peer")),
                        Via.RAW_WEBSOCKET);
                SignalingClient client = SignalingClient.open(throughProxy(gone, proxy), Via.XHR);
                Bystanders during = Bystanders.onPartition(platform,
                        (Bystanders.partitionOf(platform, goneId) + 1) % Bystanders.partitions(platform));
                Bystanders bystanders = Bystanders.nextTo(platform, goneId)) {
            await().atMost(Duration.ofSeconds(5)).until(() -> api.get(goneId).body().path("acked").asBoolean());
            peer.send(goneId, "hello", "before");
            client.awaitFrame(SignalingClient.ofType("signal", "before"));

            proxy.swallow();
            long vanished = System.nanoTime();
            String content = "y".repeat(20_000);
            int sent = 0;
            // Keep writing to it, as a caller whose offer gets no answer would: the
            // buffers fill, writes stall.
            while (SessionEvents.deleted(platform, goneId).isEmpty()) {
                assertThat(Duration.ofNanos(System.nanoTime() - vanished)).isLessThan(Duration.ofSeconds(30));
                for (int i = 0; i < 20; i++) {
                    peer.send(goneId, content, "void-" + ++sent);
                }
                int expected = sent;
                await().atMost(Duration.ofSeconds(10)).until(() -> peer.count("ack") + peer.count("error") >= expected);
                // while writes to the vanished client stall, nobody else on its gateway
                // waits for them
                during.assertRoundTripWithinDuringAttackLimit();
            }

            assertThat(SessionEvents.deleted(platform, goneId)).contains(DeleteReason.CONNECTION_LOST);
            log.info(
                    "Vanished xhr-streaming client: session deleted {} ms after it vanished, {} signals sent to it, {} "
                            + "errors",
                    Duration.ofNanos(System.nanoTime() - vanished).toMillis(), sent, peer.framesOfType("error").size());
            // Every signal is answered: what waited for its next request (kept in the
            // outbox, not lost in a cache),
            // and what was written into its stream, which no later request confirmed.
            int total = sent;
            await().atMost(Duration.ofSeconds(10)).until(() -> peer.count("ack") + peer.count("error") >= total);
            List<String> acked = peer.framesOfType("ack")
                .stream()
                .map(ack -> ack.path("id").asString())
                .filter(id -> id.startsWith("void-"))
                .toList();
            await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(peer.framesOfType("error")
                    .stream()
                    .filter(error -> "recipient-unavailable".equals(error.path("code").asString()))
                    .map(error -> error.path("id").asString())
                    .toList()).as("every acked signal answered recipient-unavailable").containsAll(acked));
            bystanders.assertRoundTripWithinLimit();
            Bystanders.assertServicesUp(platform);
        }
    }

    private static SessionApi.Session throughProxy(SessionApi.Session session, TcpProxy proxy) {
        URI address = URI.create(session.listeningAddress());
        return new SessionApi.Session(session.userId(), "http://127.0.0.1:" + proxy.port() + address.getPath(),
                session.listeningKey());
    }

}

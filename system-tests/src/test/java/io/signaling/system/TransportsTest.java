package io.signaling.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.signaling.schemas.session.DeleteReason;
import io.signaling.system.SessionApi.Session;
import io.signaling.system.SignalingClient.Via;
import io.signaling.system.Traffic.Outcome;
import io.signaling.system.Traffic.Pair;
import java.net.URI;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Contract §2 on every SockJS transport a client can pick outside a browser's iframe:
 * websocket, xhr-streaming and xhr-polling through Spring's {@code SockJsClient},
 * eventsource and htmlfile through a reader of this test's own
 * ({@link SockJsHttpStream}); the iframe variants are the same requests made from the
 * gateway's iframe page, which only a browser runs (clients/js/e2e).
 *
 * <p>
 * Per transport, signals both ways arrive exactly once, in order, each acked; and a
 * connection lost the way a phone loses it (every TCP connection reset, none possible
 * again: the websocket dropped, the streaming request aborted, polling stopped) ends the
 * session {@code connection-lost} within what docs/architecture.md ("Vanished
 * connections", "Closing over HTTP transports") says, while a peer keeps signalling it:
 * every signal is acked, and each one is delivered or answered
 * {@code recipient-unavailable}: what the client did not confirm having read (a pong on
 * websocket, its next request on the HTTP transports) is answered when it is lost.
 * Everything sent once the session is gone is answered.
 */
@ExtendWith(AttackPlatform.Resolver.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class TransportsTest {

    private static final Logger log = LoggerFactory.getLogger(TransportsTest.class);

    private static final int SIGNALS = 100;

    /** The gateway's SockJS heartbeat (shipped default, not lowered on this platform). */
    private static final Duration SOCKJS_HEARTBEAT = Duration.ofSeconds(5);

    /**
     * SockJS's disconnect delay (shipped default): a polling client without a poll this
     * long is gone.
     */
    private static final Duration DISCONNECT_DELAY = Duration.ofSeconds(1);

    @ParameterizedTest
    @EnumSource(value = Via.class, names = { "WEBSOCKET", "XHR", "XHR_POLLING", "EVENTSOURCE", "HTMLFILE" })
    void signalsBothWaysArriveExactlyOnceInOrderEachAcked(Via via, Platform platform) {
        SessionApi api = new SessionApi(platform.sessionUrl());
        String userId = ContractTests.newUser("on-" + via.name().toLowerCase());
        String peerId = ContractTests.newUser("peer");
        Traffic traffic = new Traffic();
        try (SignalingClient client = SignalingClient.open(api.connect(userId), via);
                SignalingClient peer = SignalingClient.open(api.connect(peerId), Via.RAW_WEBSOCKET)) {
            traffic.add(userId, client);
            traffic.add(peerId, peer);
            await().atMost(UnderLoad.contractBound()).until(() -> api.get(userId).body().path("acked").asBoolean());

            for (int i = 0; i < SIGNALS; i++) {
                traffic.send(peerId, userId);
                traffic.send(userId, peerId);
            }

            Pair in = new Pair(peerId, userId);
            Pair out = new Pair(userId, peerId);
            await().atMost(Duration.ofSeconds(30)).conditionEvaluationListener(condition -> {
                if (condition.getRemainingTimeInMS() <= condition.getPollInterval().toMillis()) {
                    System.out.printf("[transports] %s, last look: %s%n", via,
                            traffic.summary(List.of(userId, peerId), List.of(userId, peerId)));
                }
            }).until(() -> {
                Outcome now = traffic.outcome();
                return now.received(in).size() >= SIGNALS && now.received(out).size() >= SIGNALS
                        && now.acked(in).size() >= SIGNALS && now.acked(out).size() >= SIGNALS;
            });
            Outcome outcome = traffic.outcome();
            for (Pair pair : List.of(in, out)) {
                outcome.assertExactlyOnceInOrder(pair);
                assertThat(outcome.received(pair)).as("%s over %s", pair, via)
                    .containsExactlyElementsOf(IntStream.rangeClosed(1, SIGNALS).boxed().toList());
                assertThat(outcome.errors(pair)).isEmpty();
            }
            assertThat(client.isOpen()).isTrue();
        }
    }

    @ParameterizedTest
    @EnumSource(value = Via.class, names = { "WEBSOCKET", "XHR", "XHR_POLLING", "EVENTSOURCE", "HTMLFILE" })
    void aLostConnectionEndsTheSessionConnectionLostAndEverySignalToItIsAccountedFor(Via via, Platform platform)
            throws Exception {
        SessionApi api = new SessionApi(platform.sessionUrl());
        String userId = ContractTests.newUser("lost-" + via.name().toLowerCase());
        Session session = api.connect(userId);
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
        try (TcpProxy proxy = new TcpProxy(URI.create(session.listeningAddress()).getPort());
                SignalingClient peer = SignalingClient.open(api.connect(ContractTests.newUser("peer")),
                        Via.RAW_WEBSOCKET);
                SignalingClient client = SignalingClient.open(throughProxy(session, proxy), via)) {
            await().atMost(UnderLoad.contractBound()).until(() -> api.get(userId).body().path("acked").asBoolean());
            for (int i = 0; i < 10; i++) {
                peer.send(userId, Map.of("n", i), "before-" + i);
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> client.count("signal") >= 10);

            // A caller keeps signalling (every 50 ms) while the connection is lost and
            // after its session is gone.
            AtomicInteger during = new AtomicInteger();
            Map<String, Long> sentAt = new ConcurrentHashMap<>();
            ticker.scheduleAtFixedRate(() -> {
                String id = "during-" + during.incrementAndGet();
                sentAt.put(id, System.nanoTime());
                peer.send(userId, Map.of("n", id), id);
            }, 0, 50, TimeUnit.MILLISECONDS);
            await().atMost(Duration.ofSeconds(10)).until(() -> client.count("signal") >= 15);
            long lostAt = System.nanoTime();
            proxy.abort();

            Duration bound = detectionBound(via);
            DeleteReason reason = SessionEvents.awaitDeleted(platform, userId, bound.plusSeconds(10));
            Duration detected = Duration.ofNanos(System.nanoTime() - lostAt);
            await().atMost(Duration.ofSeconds(10)).until(() -> api.get(userId).status() == 404);
            ticker.shutdown();
            assertThat(ticker.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
            for (int i = 0; i < 5; i++) {
                peer.send(userId, Map.of("n", i), "after-" + i);
            }
            int sent = 10 + during.get() + 5;
            await().atMost(Duration.ofSeconds(20))
                .until(() -> peer.count("ack") + peer.count("error") >= sent && unavailable(peer)
                    .containsAll(List.of("after-0", "after-1", "after-2", "after-3", "after-4")));

            // docs/architecture.md, "Vanished connections": what the client did not
            // confirm having read (a pong; its
            // next poll or stream request) is answered, so nothing ends neither delivered
            // nor answered. The answers
            // for what was written to it take their own way through the relay: they may
            // come after those above.
            await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(unaccounted(client, peer, sentAt.keySet()))
                    .as("over %s every signal is delivered or answered", via)
                    .isEmpty());
            Set<String> received = new HashSet<>(
                    client.framesOfType("signal").stream().map(f -> f.path("id").asString()).toList());
            Set<String> answered = unavailable(peer);
            Set<String> unaccounted = unaccounted(client, peer, sentAt.keySet());
            log.info(
                    "Lost {} connection: session deleted {} after {} ms (bound {} ms); {} signals sent to it, {} "
                            + "delivered, {} answered recipient-unavailable, {} neither",
                    via, reason, detected.toMillis(), bound.toMillis(), sent, received.size(), answered.size(),
                    unaccounted.size());

            assertThat(reason).isEqualTo(DeleteReason.CONNECTION_LOST);
            assertThat(detected).as("from the loss to the session's deletion").isLessThanOrEqualTo(bound);
            assertThat(peer.count("ack")).as("every signal acked: in the log").isEqualTo(sent);
            AckOrder.assertEachAnswerFollowsItsAck(peer);
            assertThat(peer.framesOfType("error"))
                .allSatisfy(error -> assertThat(error.path("code").asString()).isEqualTo("recipient-unavailable"));
            assertThat(received).as("delivered before the loss")
                .containsAll(IntStream.range(0, 10).mapToObj(i -> "before-" + i).toList());
        }
        finally {
            ticker.shutdownNow();
        }
    }

    /**
     * How soon a lost connection ends its session (docs/architecture.md), on top of the
     * contract's time for a deletion to take effect: websocket at the next ping not
     * answered (or at once, as here, since the reset fails the socket); the streaming
     * transports at the next write that fails, a SockJS heartbeat at the latest; polling
     * after the disconnect delay, checked as often again.
     */
    private static Duration detectionBound(Via via) {
        Duration transport = switch (via) {
            case WEBSOCKET, RAW_WEBSOCKET -> AttackPlatform.PING_INTERVAL.plus(AttackPlatform.PONG_TIMEOUT);
            case XHR, EVENTSOURCE, HTMLFILE -> SOCKJS_HEARTBEAT;
            case XHR_POLLING -> DISCONNECT_DELAY.multipliedBy(2);
        };
        return transport.plus(UnderLoad.contractBound());
    }

    /**
     * Of the signals {@code sent}, those neither delivered to {@code client} nor answered
     * to {@code peer}.
     */
    private static Set<String> unaccounted(SignalingClient client, SignalingClient peer, Set<String> sent) {
        Set<String> unaccounted = new HashSet<>(sent);
        client.framesOfType("signal").forEach(f -> unaccounted.remove(f.path("id").asString()));
        unaccounted.removeAll(unavailable(peer));
        return unaccounted;
    }

    private static Set<String> unavailable(SignalingClient peer) {
        Set<String> ids = new HashSet<>();
        peer.framesOfType("error")
            .stream()
            .filter(e -> "recipient-unavailable".equals(e.path("code").asString()))
            .forEach(e -> ids.add(e.path("id").asString()));
        return ids;
    }

    private static Session throughProxy(Session session, TcpProxy proxy) {
        URI address = URI.create(session.listeningAddress());
        return new Session(session.userId(), "http://127.0.0.1:" + proxy.port() + address.getPath(),
                session.listeningKey());
    }

}

package io.signaling.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.signaling.schemas.session.DeleteReason;
import io.signaling.sockjs.SockJsUrls;
import io.signaling.system.SignalingClient.Via;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Attack (issue 11): a client that stops reading its socket while it is sent 60 KB
 * signals at 150/s for 15 s. Frames to it used to be written by the gateway's shared
 * Kafka threads, so everybody's acks or deliveries waited for its TCP window. Now its own
 * queue fills, it is closed {@code slow-consumer} and its session deleted
 * {@code connection-lost}, its sender hears {@code recipient-unavailable}, and bystanders
 * on the same gateway never wait.
 *
 * <p>
 * During the attack the bystanders that must not wait are on another relay partition: 9
 * MB/s into one partition is the sender's own right (150/s is within its rate) and queues
 * behind it in the producer and the relay whatever the gateway does, which is not what
 * this test is about. After it, the usual pair on the reader's own partition round-trips
 * within the second.
 */
@ExtendWith(AttackPlatform.Resolver.class)
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class SlowReaderTest {

    private static final Logger log = LoggerFactory.getLogger(SlowReaderTest.class);

    private static final int RATE = 150;

    private static final Duration ATTACK = Duration.ofSeconds(15);

    private static final String CONTENT = "x".repeat(60_000);

    @Test
    void aClientThatStopsReadingIsClosedAndNobodyElseWaits(Platform platform) throws Exception {
        SessionApi api = new SessionApi(platform.sessionUrl());
        String readerId = ContractTests.newUser("stalled");
        SessionApi.Session readerSession = api.connect(readerId);
        String senderId = Bystanders.userOn(platform, Bystanders.partitionOf(platform, readerId), "sender");
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
        try (Socket reader = openAndNeverRead(readerSession);
                SignalingClient sender = SignalingClient.open(api.connect(senderId), Via.RAW_WEBSOCKET);
                Bystanders during = Bystanders.onPartition(platform,
                        (Bystanders.partitionOf(platform, readerId) + 1) % Bystanders.partitions(platform));
                Bystanders bystanders = Bystanders.nextTo(platform, readerId)) {
            await().atMost(Duration.ofSeconds(5)).until(() -> api.get(readerId).body().path("acked").asBoolean());
            AtomicInteger sent = new AtomicInteger();
            int total = RATE * (int) ATTACK.toSeconds();
            // 15 signals every 100 ms: 150/s, each one message of about 60 KB
            ticker.scheduleAtFixedRate(() -> {
                for (int i = 0; i < RATE / 10 && sent.get() < total; i++) {
                    sender.sendRaw("{\"to\":\"" + readerId + "\",\"id\":\"big-" + sent.incrementAndGet()
                            + "\",\"content\":\"" + CONTENT + "\"}");
                }
            }, 0, 100, TimeUnit.MILLISECONDS);

            List<Duration> roundTrips = new ArrayList<>();
            long end = System.nanoTime() + ATTACK.toNanos();
            while (System.nanoTime() < end) {
                roundTrips.add(during.roundTrip());
            }
            log.info("Slow reader: {} bystander round trips during the attack, slowest {} ms, median {} ms",
                    roundTrips.size(), roundTrips.stream().mapToLong(Duration::toMillis).max().orElse(-1),
                    roundTrips.stream()
                        .mapToLong(Duration::toMillis)
                        .sorted()
                        .skip(roundTrips.size() / 2)
                        .findFirst()
                        .orElse(-1));
            assertThat(roundTrips).hasSizeGreaterThanOrEqualTo(15)
                .allSatisfy(roundTrip -> assertThat(roundTrip).isLessThan(Bystanders.DURING_ATTACK_LIMIT));

            assertThat(SessionEvents.awaitDeleted(platform, readerId, Duration.ofSeconds(10)))
                .isEqualTo(DeleteReason.CONNECTION_LOST);
            log.info("Slow reader: {} signals sent, {} acked, {} answered recipient-unavailable", sent.get(),
                    sender.count("ack"),
                    sender.framesOfType("error")
                        .stream()
                        .filter(e -> "recipient-unavailable".equals(e.path("code").asString()))
                        .count());
            // every signal is answered: acked (then written to the reader, or answered
            // recipient-unavailable) or refused
            await().atMost(Duration.ofSeconds(60)).until(() -> sender.count("ack") + sender.count("error") >= total);
            assertThat(sender.framesOfType("error")).isNotEmpty()
                .allSatisfy(error -> assertThat(error.path("code").asString()).isIn("recipient-unavailable",
                        "rate-limited"));
            assertThat(sender.framesOfType("error"))
                .anySatisfy(error -> assertThat(error.path("code").asString()).isEqualTo("recipient-unavailable"));
            bystanders.assertRoundTripWithinLimit();
            Bystanders.assertServicesUp(platform);
        }
        finally {
            ticker.shutdownNow();
        }
    }

    /**
     * A SockJS websocket connection that completes its handshake, then never reads again
     * (a 4 KB window).
     */
    private static Socket openAndNeverRead(SessionApi.Session session) throws Exception {
        URI url = SockJsUrls.websocket(session.listeningAddress(), session.userId(), session.listeningKey());
        Socket socket = RawHttp.connect(url, "127.0.0.1", 4096);
        RawHttp.head(socket, "GET", url, "Upgrade: websocket", "Connection: Upgrade",
                "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(new byte[16]), "Sec-WebSocket-Version: 13");
        assertThat(RawHttp.status(socket, 10_000)).isEqualTo(101);
        return socket;
    }

}

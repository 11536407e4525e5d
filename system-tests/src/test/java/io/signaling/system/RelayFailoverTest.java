package io.signaling.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.signaling.system.SessionApi.Session;
import io.signaling.system.SignalingClient.Via;
import io.signaling.system.Traffic.Outcome;
import io.signaling.system.Traffic.Pair;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * Issue 4, relay scale-out: two relay instances share the work (one Streams application, a standby
 * replica of every task) and one of them is stopped in the middle of 5,000 signals. The other takes
 * its tasks over; every acked signal is delivered exactly once, in order per sender→recipient.
 * Senders keep at most {@value #WINDOW} signals undelivered, so the traffic spans the fail-over
 * instead of being all in the log before it.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class RelayFailoverTest {

    private static final int SIGNALS = 5_000;
    private static final int SENDERS = 10;
    private static final int PER_PAIR = SIGNALS / SENDERS / 2;
    private static final int WINDOW = 200;
    private static final String RUN = UUID.randomUUID().toString().substring(0, 6);

    private static EmbeddedKafkaKraftBroker broker;
    private static Platform platform;

    @BeforeAll
    static void start() {
        broker = new EmbeddedKafkaKraftBroker(1, 1);
        broker.afterPropertiesSet();
        platform = Platform.start(broker.getBrokersAsString(), 2, 1, 2,
                Map.of("signaling.relay.num-standby-replicas", 1));
    }

    @AfterAll
    static void stop() {
        if (platform != null) {
            platform.close();
        }
        if (broker != null) {
            broker.destroy();
        }
    }

    @Test
    void everyAckedSignalIsDeliveredExactlyOnceInOrderWhenARelayInstanceStopsMidTraffic() throws Exception {
        SessionApi api = new SessionApi(platform.sessionUrl());
        Traffic traffic = new Traffic();
        List<String> senders = new ArrayList<>();
        List<String> recipients = new ArrayList<>();
        for (int i = 0; i < SENDERS; i++) {
            senders.add(open(api, traffic, "s" + i + "-" + RUN));
            recipients.add(open(api, traffic, "r" + i + "-" + RUN));
        }
        // Each sender signals two recipients, interleaved: 2 × 250 × 10 = 5,000.
        List<Pair> schedule = new ArrayList<>();
        for (int n = 0; n < PER_PAIR; n++) {
            for (int i = 0; i < SENDERS; i++) {
                schedule.add(new Pair(senders.get(i), recipients.get(i)));
                schedule.add(new Pair(senders.get(i), recipients.get((i + 1) % SENDERS)));
            }
        }

        long start = System.nanoTime();
        ExecutorService sending = Executors.newSingleThreadExecutor();
        Future<?> sent;
        long stopAt;
        long stopTook;
        int deliveredAtStop;
        try {
            sent = sending.submit(() -> {
                for (Pair pair : schedule) {
                    await().pollInSameThread().pollInterval(Duration.ofMillis(2)).atMost(Duration.ofSeconds(60))
                            .until(() -> traffic.sent() - traffic.count(recipients, "signal") < WINDOW);
                    traffic.send(pair.from(), pair.to());
                }
            });
            await().atMost(Duration.ofSeconds(60)).until(() -> traffic.count(recipients, "signal") >= SIGNALS * 3 / 10);

            deliveredAtStop = traffic.count(recipients, "signal");
            stopAt = System.nanoTime();
            platform.stopRelay(0);
            stopTook = System.nanoTime() - stopAt;

            sent.get(120, TimeUnit.SECONDS);
        }
        finally {
            sending.shutdownNow();
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> traffic.count(recipients, "signal") >= SIGNALS
                && traffic.count(senders, "ack") >= SIGNALS);
        long end = System.nanoTime();

        Outcome outcome = traffic.outcome();
        for (int i = 0; i < SENDERS; i++) {
            for (Pair pair : List.of(new Pair(senders.get(i), recipients.get(i)),
                    new Pair(senders.get(i), recipients.get((i + 1) % SENDERS)))) {
                outcome.assertExactlyOnceInOrder(pair);
                assertThat(outcome.acked(pair)).hasSize(PER_PAIR);
                assertThat(outcome.received(pair))
                        .containsExactlyElementsOf(IntStream.rangeClosed(1, PER_PAIR).boxed().toList());
                assertThat(outcome.errors(pair)).isEmpty();
            }
        }
        assertThat(health(platform.relayHealthUrl(1))).as("the remaining relay instance").isEqualTo("UP");

        List<Duration> latencies = traffic.latencies(recipients);
        double duplicates = platform.gatewayCounter(0, "signaling.gateway.deliveries.duplicate")
                + platform.gatewayCounter(1, "signaling.gateway.deliveries.duplicate");
        System.out.printf("[relay-failover] %d signals (%d acked) delivered exactly once in order in %d ms; relay "
                        + "instance 0 stopped after %d deliveries, its stop took %d ms%n", traffic.sent(),
                traffic.count(senders, "ack"), TimeUnit.NANOSECONDS.toMillis(end - start), deliveredAtStop,
                TimeUnit.NANOSECONDS.toMillis(stopTook));
        System.out.printf("[relay-failover] longest gap between deliveries from the stop on: %d ms; latency p50 %d ms, "
                        + "p99 %d ms, max %d ms; duplicate deliveries dropped by the gateways: %.0f%n",
                traffic.longestDeliveryGap(recipients, stopAt, end).toMillis(),
                Traffic.percentile(latencies, 50).toMillis(), Traffic.percentile(latencies, 99).toMillis(),
                Traffic.percentile(latencies, 100).toMillis(), duplicates);
    }

    private static String open(SessionApi api, Traffic traffic, String userId) {
        Session session = api.connect(userId);
        traffic.add(userId, SignalingClient.open(session, Via.RAW_WEBSOCKET));
        return userId;
    }

    static String health(String url) {
        return new SessionApi(url).send(HttpRequest.newBuilder(URI.create(url)).GET()).body().path("status").asString();
    }
}

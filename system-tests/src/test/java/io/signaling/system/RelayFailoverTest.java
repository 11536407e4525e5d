package io.signaling.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.signaling.system.Traffic.Outcome;
import io.signaling.system.Traffic.Pair;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 4, relay scale-out: two relay instances share the work (one Streams application,
 * a standby replica of every task) and one of them is stopped in the middle of 5,000
 * signals. The other takes its tasks over; every acked signal is delivered exactly once,
 * in order per sender→recipient. Senders keep at most {@value #WINDOW} signals
 * undelivered, so the traffic spans the fail-over instead of being all in the log before
 * it.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class RelayFailoverTest {

    private static final int SIGNALS = 5_000;

    private static final int SENDERS = 10;

    private static final int PER_PAIR = SIGNALS / SENDERS / 2;

    private static final int WINDOW = 200;

    private static final String RUN = UUID.randomUUID().toString().substring(0, 6);

    @AutoClose
    private static EmbeddedPlatform embedded;

    private static Platform platform;

    @BeforeAll
    static void start() {
        embedded = EmbeddedPlatform.start(2, 1, 2, Map.of("signaling.relay.num-standby-replicas", 1));
        platform = embedded.platform();
    }

    @Test
    void everyAckedSignalIsDeliveredExactlyOnceInOrderWhenARelayInstanceStopsMidTraffic() throws Exception {
        SessionApi api = new SessionApi(platform.sessionUrl());
        Traffic traffic = new Traffic();
        SenderRing ring = SenderRing.open(api, traffic, SENDERS, RUN);
        List<String> senders = ring.senders();
        List<String> recipients = ring.recipients();

        long start = System.nanoTime();
        long stopAt;
        long stopTook;
        int deliveredAtStop;
        // Each sender signals two recipients, interleaved: 2 × 250 × 10 = 5,000.
        try (SenderRing.Sending sending = ring.startSending(PER_PAIR, WINDOW, Duration.ofSeconds(60),
                () -> traffic.sent() - traffic.count(recipients, "signal"))) {
            await().atMost(Duration.ofSeconds(60)).until(() -> traffic.count(recipients, "signal") >= SIGNALS * 3 / 10);

            deliveredAtStop = traffic.count(recipients, "signal");
            stopAt = System.nanoTime();
            platform.stopRelay(0);
            stopTook = System.nanoTime() - stopAt;

            sending.awaitSent(120, TimeUnit.SECONDS);
        }
        await().atMost(Duration.ofSeconds(60))
            .until(() -> traffic.count(recipients, "signal") >= SIGNALS && traffic.count(senders, "ack") >= SIGNALS);
        long end = System.nanoTime();

        Outcome outcome = traffic.outcome();
        for (Pair pair : ring.pairs()) {
            outcome.assertExactlyOnceInOrder(pair);
            assertThat(outcome.acked(pair)).hasSize(PER_PAIR);
            assertThat(outcome.received(pair))
                .containsExactlyElementsOf(IntStream.rangeClosed(1, PER_PAIR).boxed().toList());
            assertThat(outcome.errors(pair)).isEmpty();
        }
        assertThat(health(platform.relayHealthUrl(1))).as("the remaining relay instance").isEqualTo("UP");

        List<Duration> latencies = traffic.latencies(recipients);
        double duplicates = platform.gatewayCounter(0, "signaling.gateway.deliveries.duplicate")
                + platform.gatewayCounter(1, "signaling.gateway.deliveries.duplicate");
        System.out.printf(
                "[relay-failover] %d signals (%d acked) delivered exactly once in order in %d ms; relay "
                        + "instance 0 stopped after %d deliveries, its stop took %d ms%n",
                traffic.sent(), traffic.count(senders, "ack"), TimeUnit.NANOSECONDS.toMillis(end - start),
                deliveredAtStop, TimeUnit.NANOSECONDS.toMillis(stopTook));
        System.out.printf(
                "[relay-failover] longest gap between deliveries from the stop on: %d ms; latency p50 %d ms, "
                        + "p99 %d ms, max %d ms; duplicate deliveries dropped by the gateways: %.0f%n",
                traffic.longestDeliveryGap(recipients, stopAt, end).toMillis(),
                Traffic.percentile(latencies, 50).toMillis(), Traffic.percentile(latencies, 99).toMillis(),
                Traffic.percentile(latencies, 100).toMillis(), duplicates);
    }

    static String health(String url) {
        return new SessionApi(url).send(HttpRequest.newBuilder(URI.create(url)).GET()).body().path("status").asString();
    }

}

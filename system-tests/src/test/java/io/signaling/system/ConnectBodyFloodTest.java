package io.signaling.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.signaling.system.RawHttp.Answer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 11, unbounded bodies: three concurrent 64 MiB {@code /connect} bodies (form and JSON with a
 * {@code Content-Length}, and one chunked) are each answered {@code 413 request-too-large} without
 * being read; the session service stays UP and a bystander connects and round-trips within 1 s.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ConnectBodyFloodTest {

    private static final long SIXTY_FOUR_MIB = 64L * 1024 * 1024;

    @AutoClose
    private static EmbeddedPlatform embedded;
    private static Platform platform;

    @BeforeAll
    static void start() {
        embedded = EmbeddedPlatform.start(1, 1, 1, Map.of());
        platform = embedded.platform();
    }

    @Test
    void threeConcurrent64MibBodiesAreRefusedUnreadAndHurtNobody() throws Exception {
        Bystanders.awaitWarm(platform, 0);
        String connect = platform.sessionUrl() + "/connect";
        List<Callable<Answer>> attacks = List.of(
                () -> RawHttp.post(connect, "127.0.0.1", "application/x-www-form-urlencoded", SIXTY_FOUR_MIB, false),
                () -> RawHttp.post(connect, "127.0.0.1", "application/json", SIXTY_FOUR_MIB, false),
                () -> RawHttp.post(connect, "127.0.0.1", "application/json", SIXTY_FOUR_MIB, true));
        ExecutorService pool = Executors.newFixedThreadPool(attacks.size());
        long start = System.nanoTime();
        try {
            List<Future<Answer>> answers = pool.invokeAll(attacks);
            for (Future<Answer> answer : answers) {
                assertThat(answer.get().status()).isEqualTo(413);
            }
        }
        finally {
            pool.shutdownNow();
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        Bystanders.assertServicesUp(platform);
        Duration roundTrip = Bystanders.roundTripOn(platform, 0);
        System.out.printf("connect body flood: 3 x 64 MiB answered 413 in %d ms, bystander round trip %d ms%n",
                took.toMillis(), roundTrip.toMillis());
    }
}

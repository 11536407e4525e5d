package io.signaling.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.signaling.system.RawHttp.Answer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 11, unbounded bodies: three concurrent 64 MiB {@code /connect} bodies (form and
 * JSON with a {@code Content-Length}, and one chunked) are each answered
 * {@code 413 request-too-large} without being read; the session service stays UP and a
 * bystander connects and round-trips within 1 s.
 */
@ExtendWith(AttackPlatform.Resolver.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ConnectBodyFloodTest {

    private static final long SIXTY_FOUR_MIB = 64L * 1024 * 1024;

    /**
     * Contract §1 with its default: a body of 4 KiB is read (this one holds no userId:
     * 400), one byte more is refused unread (413), announced by its Content-Length or
     * found while a chunked body streams.
     */
    @Test
    void aBodyOfFourKibibytesIsReadAndOneByteMoreIsRefused(Platform platform) throws Exception {
        String connect = platform.sessionUrl() + "/connect";
        for (boolean chunked : new boolean[] { false, true }) {
            assertThat(RawHttp.post(connect, "127.0.0.1", "application/x-www-form-urlencoded", 4_096, chunked).status())
                .as("4,096 bytes, chunked %s", chunked)
                .isEqualTo(400);
            assertThat(RawHttp.post(connect, "127.0.0.1", "application/x-www-form-urlencoded", 4_097, chunked).status())
                .as("4,097 bytes, chunked %s", chunked)
                .isEqualTo(413);
        }
    }

    @Test
    void threeConcurrent64MibBodiesAreRefusedUnreadAndHurtNobody(Platform platform) throws Exception {
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

package io.signaling.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.signaling.system.RawHttp.Answer;
import java.time.Duration;
import java.util.ArrayList;
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
 * Issue 11, {@code /connect} floods: one client address sends 400 {@code /connect} as
 * fast as it can (all with an invalid userId, so each is answered at once and creates
 * nothing). Past the default bucket (20/s, bursts of 100) they are answered
 * {@code 429 rate-limited} with {@code Retry-After}; a client on another address connects
 * and round-trips within 1 s meanwhile.
 */
@ExtendWith(AttackPlatform.Resolver.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ConnectRateLimitAttackTest {

    private static final int REQUESTS = 400;

    /**
     * Any address of 127.0.0.0/8 reaches the loopback interface; the bystander comes from
     * 127.0.0.1.
     */
    private static final String ATTACKER = "127.0.0.2";

    @Test
    void oneAddressIsLimitedAndEveryoneElseIsNot(Platform platform) throws Exception {
        Bystanders.awaitWarm(platform, 0);
        String connect = platform.sessionUrl() + "/connect";
        List<Callable<Answer>> flood = new ArrayList<>();
        for (int i = 0; i < REQUESTS; i++) {
            flood.add(() -> RawHttp.post(connect, ATTACKER, "application/x-www-form-urlencoded", "userId=not+valid"));
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        long start = System.nanoTime();
        List<Answer> answers = new ArrayList<>();
        try {
            for (Future<Answer> answer : pool.invokeAll(flood)) {
                answers.add(answer.get());
            }
        }
        finally {
            pool.shutdownNow();
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        long limited = answers.stream().filter(a -> a.status() == 429).count();
        long passed = answers.stream().filter(a -> a.status() == 400).count();
        assertThat(limited + passed).isEqualTo(REQUESTS);
        // at most the burst and what refilled while the flood lasted went through
        assertThat(passed).isBetween(100L, 100L + (long) Math.ceil(20 * (took.toMillis() / 1000.0)) + 1);
        assertThat(answers).filteredOn(a -> a.status() == 429)
            .allSatisfy(a -> assertThat(Integer.parseInt(a.headers().get("retry-after"))).isBetween(1, 60));

        Bystanders.assertServicesUp(platform);
        Duration roundTrip = Bystanders.roundTripOn(platform, 0);
        System.out.printf(
                "connect flood: %d requests from one address in %d ms, %d passed, %d answered 429; "
                        + "bystander round trip %d ms%n",
                REQUESTS, took.toMillis(), passed, limited, roundTrip.toMillis());
    }

}

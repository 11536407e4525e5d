package io.signaling.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.signaling.system.SessionApi.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 4, session-service scale-out: two instances, and each of 100 userIds asked for by
 * both at the same moment. The relay decides every create, so exactly one of the two gets
 * 201 and the other 409 {@code user-id-taken}, whichever instance it asked, and both
 * instances then show the same session.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class SessionServiceRaceTest {

    private static final int USERS = 100;

    private static final String RUN = UUID.randomUUID().toString().substring(0, 6);

    @AutoClose
    private static EmbeddedPlatform embedded;

    private static Platform platform;

    @BeforeAll
    static void start() {
        embedded = EmbeddedPlatform.start(1, 2, 1, Map.of());
        platform = embedded.platform();
    }

    record Attempt(String userId, int instance, Response response, long millis) {
    }

    @Test
    void eachUserIdRacedByBothInstancesGetsExactlyOneSession() throws Exception {
        List<SessionApi> instances = List.of(new SessionApi(platform.sessionUrl(0)),
                new SessionApi(platform.sessionUrl(1)));
        for (int i = 0; i < instances.size(); i++) {
            String health = platform.sessionHealthUrl(i);
            await().atMost(Duration.ofSeconds(30)).until(() -> "UP".equals(RelayFailoverTest.health(health)));
        }

        // Both requests for one userId wait at a barrier, then go out together.
        List<Callable<Attempt>> calls = new ArrayList<>();
        for (int u = 0; u < USERS; u++) {
            String userId = "race" + u + "-" + RUN;
            CyclicBarrier together = new CyclicBarrier(2);
            for (int i = 0; i < instances.size(); i++) {
                int instance = i;
                calls.add(() -> {
                    together.await(30, TimeUnit.SECONDS);
                    long start = System.nanoTime();
                    Response response = instances.get(instance).connectForm(userId);
                    return new Attempt(userId, instance, response,
                            TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
                });
            }
        }
        long start = System.nanoTime();
        List<Attempt> attempts = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(40); // even: the two of a
                                                                 // pair are always both
                                                                 // running
        try {
            for (Future<Attempt> future : pool.invokeAll(calls)) {
                attempts.add(future.get());
            }
        }
        finally {
            pool.shutdownNow();
        }
        long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        Map<String, List<Attempt>> byUser = attempts.stream()
            .collect(Collectors.groupingBy(Attempt::userId, TreeMap::new, Collectors.toList()));
        assertThat(byUser).hasSize(USERS);
        byUser.forEach((userId, pair) -> {
            assertThat(pair).extracting(a -> a.response().status()).as(userId).containsExactlyInAnyOrder(201, 409);
            Attempt lost = pair.stream().filter(a -> a.response().status() == 409).findFirst().orElseThrow();
            assertThat(lost.response().text("error")).isEqualTo("user-id-taken");
        });
        Map<Integer, Long> wins = attempts.stream()
            .filter(a -> a.response().status() == 201)
            .collect(Collectors.groupingBy(Attempt::instance, TreeMap::new, Collectors.counting()));

        // Both instances' views show the winner's session.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> byUser.forEach((userId, pair) -> {
            String address = pair.stream()
                .filter(a -> a.response().status() == 201)
                .findFirst()
                .orElseThrow()
                .response()
                .text("listeningAddress");
            for (SessionApi instance : instances) {
                Response get = instance.get(userId);
                assertThat(get.status()).isEqualTo(200);
                assertThat(get.text("listeningAddress")).isEqualTo(address);
            }
        }));

        List<Long> millis = attempts.stream().map(Attempt::millis).sorted().toList();
        System.out.printf(
                "[session-race] %d userIds each raced by 2 session-service instances (%d requests) in %d ms: "
                        + "exactly one 201 per userId; wins per instance %s; request latency p50 %d ms, max %d ms%n",
                USERS, attempts.size(), took, wins, millis.get(millis.size() / 2), millis.get(millis.size() - 1));
    }

}

package io.signaling.platform.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import tools.jackson.databind.JsonNode;

/**
 * Session-service's HTTP API and a service's health, as a client and a probe use them.
 */
final class SessionHttp {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String sessionUrl;

    SessionHttp(String sessionUrl) {
        this.sessionUrl = sessionUrl;
    }

    /**
     * {@code POST /connect}: the response, whatever its status; an I/O failure (the
     * instance died) is thrown.
     */
    HttpResponse<String> post(String userId) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(sessionUrl + "/connect"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .timeout(Duration.ofSeconds(20))
            .POST(HttpRequest.BodyPublishers.ofString("userId=" + userId))
            .build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * How long {@link #postUntilTaken} keeps asking while the platform answers 503 with
     * {@code Retry-After}.
     */
    private static final Duration SHED_FOR_AT_MOST = Duration.ofSeconds(60);

    /**
     * {@code POST /connect} as the browser client sends it (contract §1): a {@code 503}
     * with {@code Retry-After} (the platform shedding load: nothing was created) is asked
     * again each second, for up to a minute; the first other answer is returned.
     */
    HttpResponse<String> postUntilTaken(String userId) throws IOException, InterruptedException {
        AtomicReference<HttpResponse<String>> answer = new AtomicReference<>(post(userId));
        if (shedding(answer.get())) {
            await("POST /connect " + userId + " taken once the platform no longer sheds load").atMost(SHED_FOR_AT_MOST)
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> {
                    answer.set(post(userId));
                    return !shedding(answer.get());
                });
        }
        return answer.get();
    }

    /**
     * A new session for {@code userId}, which must be created (asked again while the
     * platform sheds load).
     */
    JsonNode connect(String userId) {
        try {
            HttpResponse<String> response = postUntilTaken(userId);
            assertThat(response.statusCode()).as("POST /connect %s: %s", userId, response.body()).isEqualTo(201);
            return SockJsPeer.JSON.readTree(response.body());
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static boolean shedding(HttpResponse<String> response) {
        return response.statusCode() == 503 && response.headers().firstValue("Retry-After").isPresent();
    }

    /**
     * Sessions of users named {@code <prefix>-<n>}, created until each listening address
     * in {@code wanted} holds as many as asked (session-service places them; the rest are
     * left to expire): address → sessions. Bounded by time, not by a count: a gateway
     * whose last heartbeat (every 2 s) announced it shedding load gets no session until
     * its next one, however many are asked for meanwhile.
     */
    Map<String, List<JsonNode>> connectOn(String prefix, Map<String, Integer> wanted) {
        Map<String, List<JsonNode>> placed = new HashMap<>();
        wanted.keySet().forEach(address -> placed.put(address, new ArrayList<>()));
        Map<String, Integer> created = new TreeMap<>();
        AtomicInteger n = new AtomicInteger();
        await("sessions placed on every gateway asked for").atMost(Duration.ofSeconds(60))
            .pollDelay(Duration.ZERO)
            .pollInterval(Duration.ofMillis(100))
            .untilAsserted(() -> {
                JsonNode session = connect(prefix + "-" + n.getAndIncrement());
                String address = session.path("listeningAddress").asString();
                created.merge(address, 1, Integer::sum);
                List<JsonNode> there = placed.get(address);
                if (there != null && there.size() < wanted.get(address)) {
                    there.add(session);
                }
                assertThat(allPlaced(placed, wanted))
                    .as("wanted %s; sessions created so far, by address: %s", wanted, created)
                    .isTrue();
            });
        return placed;
    }

    private static boolean allPlaced(Map<String, List<JsonNode>> placed, Map<String, Integer> wanted) {
        return wanted.entrySet().stream().allMatch(e -> placed.get(e.getKey()).size() >= e.getValue());
    }

    /**
     * The HTTP status of {@code GET /sessions/{userId}}: 200 while the session exists,
     * 404 once it is gone.
     */
    int sessionStatus(String userId) {
        return get(sessionUrl + "/sessions/" + userId).statusCode();
    }

    /** The top-level status of a service's health, or "not answering". */
    static String health(String url) {
        try {
            return SockJsPeer.JSON.readTree(get(url).body()).path("status").asString("");
        }
        catch (UncheckedIOException | tools.jackson.core.JacksonException e) {
            return "not answering";
        }
    }

    static HttpResponse<String> get(String url) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

}

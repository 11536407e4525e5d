package io.signaling.platform.e2e;

import static org.assertj.core.api.Assertions.assertThat;

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
import tools.jackson.databind.JsonNode;

/** Session-service's HTTP API and a service's health, as a client and a probe use them. */
final class SessionHttp {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String sessionUrl;

    SessionHttp(String sessionUrl) {
        this.sessionUrl = sessionUrl;
    }

    /** {@code POST /connect}: the response, whatever its status; an I/O failure (the instance died) is thrown. */
    HttpResponse<String> post(String userId) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(sessionUrl + "/connect"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .timeout(Duration.ofSeconds(20))
                .POST(HttpRequest.BodyPublishers.ofString("userId=" + userId)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A new session for {@code userId}, which must be created. */
    JsonNode connect(String userId) {
        try {
            HttpResponse<String> response = post(userId);
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

    /**
     * Sessions of users named {@code <prefix>-<n>}, created until each listening address in
     * {@code wanted} holds as many as asked (session-service places them; the rest are left to
     * expire): address → sessions.
     */
    Map<String, List<JsonNode>> connectOn(String prefix, Map<String, Integer> wanted) {
        Map<String, List<JsonNode>> placed = new HashMap<>();
        wanted.keySet().forEach(address -> placed.put(address, new ArrayList<>()));
        int needed = wanted.values().stream().mapToInt(Integer::intValue).sum();
        for (int n = 0; n < needed * 4 && !allPlaced(placed, wanted); n++) {
            JsonNode session = connect(prefix + "-" + n);
            List<JsonNode> there = placed.get(session.path("listeningAddress").asString());
            if (there != null && there.size() < wanted.get(session.path("listeningAddress").asString())) {
                there.add(session);
            }
        }
        assertThat(allPlaced(placed, wanted)).as("sessions placed on every gateway asked for: %s", placed.keySet()).isTrue();
        return placed;
    }

    private static boolean allPlaced(Map<String, List<JsonNode>> placed, Map<String, Integer> wanted) {
        return wanted.entrySet().stream().allMatch(e -> placed.get(e.getKey()).size() >= e.getValue());
    }

    /** The HTTP status of {@code GET /sessions/{userId}}: 200 while the session exists, 404 once it is gone. */
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

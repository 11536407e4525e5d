package io.signaling.system;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The contract's HTTP surface (§1), as a browser or curl would use it. */
final class SessionApi {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String baseUrl;

    SessionApi(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    record Response(int status, JsonNode body, java.net.http.HttpHeaders headers) {

        String text(String field) {
            return body.path(field).asString();
        }
    }

    /** A session created by {@code POST /connect}. */
    record Session(String userId, String listeningAddress, String listeningKey) {
    }

    Response connectForm(String userId) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + "/connect"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString("userId=" + URLEncoder.encode(userId, StandardCharsets.UTF_8))));
    }

    Response connectJson(String json) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + "/connect"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    /**
     * A session, as the contract's client gets one: a {@code 503 overloaded} is asked
     * again after its {@code Retry-After} (2 s), for up to 20 s. A flood test's burst may
     * leave a gateway announcing overload for a heartbeat or two after it; the tests of
     * overload itself use {@link #connectForm}.
     */
    Session connect(String userId) {
        AtomicReference<Response> last = new AtomicReference<>();
        await().pollDelay(Duration.ZERO)
            .pollInterval(Duration.ofSeconds(2))
            .atMost(Duration.ofSeconds(20))
            .until(() -> {
                last.set(connectForm(userId));
                return last.get().status() != 503 || !"overloaded".equals(last.get().text("error"));
            });
        Response response = last.get();
        if (response.status() != 201) {
            throw new AssertionError("POST /connect " + userId + " gave " + response.status() + " " + response.body());
        }
        return new Session(response.text("userId"), response.text("listeningAddress"), response.text("listeningKey"));
    }

    Response get(String userId) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + "/sessions/" + userId)).GET());
    }

    Response delete(String userId, String key) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + "/sessions/" + userId)).DELETE();
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return send(request);
    }

    Response preflight(String path, String origin) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path))
            .header("Origin", origin)
            .header("Access-Control-Request-Method", "POST")
            .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
    }

    Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(15)).build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode body = response.body().isBlank() ? JSON.nullNode() : parseOrText(response.body());
            return new Response(response.statusCode(), body, response.headers());
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode parseOrText(String body) {
        try {
            return JSON.readTree(body);
        }
        catch (RuntimeException notJson) {
            return JSON.getNodeFactory().textNode(body);
        }
    }

}

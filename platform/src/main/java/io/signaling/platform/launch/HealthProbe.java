package io.signaling.platform.launch;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a service's {@code /actuator/health}. Only the top-level {@code status} counts: a
 * DOWN service still lists UP components.
 */
final class HealthProbe {

    static final String UP = "UP";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /**
     * {@code UP}, {@code DOWN}…, or why there is no status yet (not listening, not JSON).
     */
    String status(int port) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
            .timeout(Duration.ofSeconds(3))
            .GET()
            .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            String status = JSON.readTree(response.body()).path("status").asString("");
            return status.isEmpty() ? "HTTP " + response.statusCode() : status;
        }
        catch (IOException | JacksonException e) {
            return "not answering";
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

}

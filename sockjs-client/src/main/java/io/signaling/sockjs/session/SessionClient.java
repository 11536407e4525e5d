package io.signaling.sockjs.session;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /connect} on session-service, asynchronously, over HTTP/1.1 keep-alive
 * connections.
 */
public final class SessionClient {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private final HttpClient http;

    private final URI connect;

    private final Duration timeout;

    public SessionClient(HttpClient http, URI sessionService, Duration timeout) {
        this.http = http;
        this.connect = sessionService.resolve("/connect");
        this.timeout = timeout;
    }

    /**
     * Completes with the session, or exceptionally with a {@link ConnectException} naming
     * the status and error code.
     */
    public CompletableFuture<Session> connect(String userId) {
        HttpRequest request = HttpRequest.newBuilder(connect)
            .timeout(timeout)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString("userId=" + URLEncoder.encode(userId, StandardCharsets.UTF_8)))
            .build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenApply(response -> {
            JsonNode body = parse(response.body());
            if (response.statusCode() != 201) {
                String code = body != null && body.hasNonNull("error") ? body.get("error").asString()
                        : "http-" + response.statusCode();
                throw new ConnectException(response.statusCode(), code);
            }
            if (body == null || !body.hasNonNull("listeningAddress") || !body.hasNonNull("listeningKey")) {
                throw new ConnectException(response.statusCode(), "malformed-response");
            }
            return new Session(userId, body.get("listeningAddress").asString(), body.get("listeningKey").asString());
        });
    }

    private static JsonNode parse(String body) {
        try {
            return body == null || body.isBlank() ? null : MAPPER.readTree(body);
        }
        catch (RuntimeException e) {
            return null;
        }
    }

    /**
     * A refused or failed {@code /connect}: the HTTP status and the contract's error
     * code.
     */
    public static final class ConnectException extends RuntimeException {

        private final int status;

        private final String code;

        public ConnectException(int status, String code) {
            super("/connect answered " + status + " " + code, null, false, false);
            this.status = status;
            this.code = code;
        }

        public int status() {
            return status;
        }

        public String code() {
            return code;
        }

    }

}

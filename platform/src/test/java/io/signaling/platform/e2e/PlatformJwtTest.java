package io.signaling.platform.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.signaling.platform.net.Ports;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Contract §6 through the one command: {@code bin/signaling platform --jwt-hmac-secret-file FILE}.
 * A client without a token is refused; with one it connects, signals and is delivered, and its
 * listening key still ends its session (DELETE /sessions is not a JWT endpoint).
 */
@Tag("e2e")
@Timeout(600)
class PlatformJwtTest {

    private static final Path ROOT = Path.of(System.getProperty("basedir", "")).toAbsolutePath().normalize().getParent();
    private static final String SECRET = "a-secret-for-the-platform-e2e-test-" + UUID.randomUUID();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private Launch launch;

    @TempDir
    Path temp;

    @AfterEach
    void stop() {
        if (launch != null && launch.isAlive()) {
            launch.kill();
        }
    }

    @Test
    void withAnHmacSecretOnlyTheTokensOwnerConnectsAndItsSignalsAreDelivered() throws Exception {
        Path secretFile = Files.writeString(temp.resolve("jwt.secret"), SECRET + "\n");
        int httpPort = consecutiveFreePorts();
        String sessionUrl = "http://127.0.0.1:" + httpPort;
        launch = Launch.start(ROOT, "platform", "--http-port", Integer.toString(httpPort), "--gateways", "1",
                "--kafka-port", Integer.toString(Ports.freePort()), "--data-dir", temp.resolve("data").toString(),
                "--jwt-hmac-secret-file", secretFile.toString());
        launch.awaitReady(Duration.ofSeconds(180));
        assertThat(launch.stdout()).contains("[platform] POST /connect requires a JWT (hmac-secret-file " + secretFile + ")");
        assertThat(String.join("\n", launch.stdout()) + String.join("\n", launch.stderr())).doesNotContain(SECRET);

        HttpResponse<String> anonymous = connect(sessionUrl, "alice", null);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        assertThat(SockJsPeer.JSON.readTree(anonymous.body()).path("error").asString()).isEqualTo("unauthorized");
        HttpResponse<String> impostor = connect(sessionUrl, "alice", token("mallory"));
        assertThat(impostor.statusCode()).isEqualTo(403);
        assertThat(SockJsPeer.JSON.readTree(impostor.body()).path("error").asString()).isEqualTo("user-id-not-allowed");

        JsonNode alice = created(connect(sessionUrl, "alice", token("alice")));
        JsonNode bob = created(connect(sessionUrl, null, token("bob"))); // no userId in the body: the token's subject
        assertThat(bob.path("userId").asString()).isEqualTo("bob");
        try (SockJsPeer aliceSocket = SockJsPeer.connect(alice); SockJsPeer bobSocket = SockJsPeer.connect(bob)) {
            await("bob's session acked").atMost(Duration.ofSeconds(30)).until(() -> SockJsPeer.JSON.readTree(
                    get(sessionUrl + "/sessions/bob").body()).path("acked").asBoolean(false));
            aliceSocket.send("{\"to\":\"bob\",\"id\":\"offer-1\",\"content\":{\"sdp\":\"v=0\"}}");
            await("bob's delivery").atMost(Duration.ofSeconds(30)).until(() -> bobSocket.frames().stream()
                    .anyMatch(f -> "signal".equals(f.path("type").asString()) && "offer-1".equals(f.path("id").asString())
                            && "alice".equals(f.path("from").asString())));
            assertThat(aliceSocket.frames()).anyMatch(f -> "ack".equals(f.path("type").asString()));

            HttpResponse<String> deleted = http.send(HttpRequest.newBuilder(URI.create(sessionUrl + "/sessions/alice"))
                    .header("Authorization", "Bearer " + alice.path("listeningKey").asString()).DELETE().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(deleted.statusCode()).as("the listening key, not a JWT, ends a session: %s", deleted.body()).isEqualTo(204);
        }

        launch.terminate();
        assertThat(launch.awaitExit(Duration.ofSeconds(120))).isEqualTo(143);
    }

    private HttpResponse<String> connect(String sessionUrl, String userId, String token) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(sessionUrl + "/connect")).timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(userId == null ? "{}" : "{\"userId\":\"" + userId + "\"}"));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode created(HttpResponse<String> response) {
        assertThat(response.statusCode()).as("POST /connect: %s", response.body()).isEqualTo(201);
        return SockJsPeer.JSON.readTree(response.body());
    }

    private HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** An HS256 JWT for {@code subject}, valid for five minutes, as an app's backend would mint it. */
    private static String token(String subject) throws GeneralSecurityException {
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        long now = Instant.now().getEpochSecond();
        String header = base64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String claims = base64.encodeToString(("{\"sub\":\"" + subject + "\",\"iat\":" + now + ",\"exp\":" + (now + 300) + "}")
                .getBytes(StandardCharsets.UTF_8));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String signature = base64.encodeToString(mac.doFinal((header + "." + claims).getBytes(StandardCharsets.US_ASCII)));
        return header + "." + claims + "." + signature;
    }

    /** The session service's port with a free one after it for the gateway. */
    private static int consecutiveFreePorts() throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            int first = Ports.freePort();
            if (first + 1 < 65536 && Ports.isFree(first + 1)) {
                return first;
            }
        }
        throw new IOException("no two consecutive free ports");
    }
}

package io.signaling.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Contract §1 and §5: without a live gateway there is nothing to bind a session to. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class NoGatewayTest {

    @AutoClose
    private static EmbeddedPlatform embedded;

    private static Platform platform;

    @BeforeAll
    static void startWithoutGateways() {
        embedded = EmbeddedPlatform.start(1, 1, 0, Map.of());
        platform = embedded.platform();
    }

    @Test
    void connectAnswers503AndHealthIsDownUntilAGatewayIsLive() {
        SessionApi api = new SessionApi(platform.sessionUrl());

        // Right after start the views may still be loading (503 relay-unavailable); then
        // no gateway is the reason.
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            SessionApi.Response response = api.connectForm("alice");
            assertThat(response.status()).isEqualTo(503);
            assertThat(response.text("error")).isEqualTo("no-gateway-available");
        });
        assertThat(health(api)).isNotEqualTo("UP");

        platform.startGateway("gw-late", 0);

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(health(api)).isEqualTo("UP"));
        assertThat(api.connectForm("alice").status()).isEqualTo(201);
    }

    private static String health(SessionApi api) {
        return api.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(platform.sessionHealthUrl(0))).GET())
            .body()
            .path("status")
            .asString();
    }

}

package io.signaling.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.signaling.system.SignalingClient.Via;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Attack (issue 11): requests to someone else's HTTP-transport SockJS session, knowing
 * only its session id (it travels in every URL). Every request must carry the session's
 * userId and token (contract §2): a wrong or missing one is refused with 403, and nothing
 * is sent in the victim's name.
 */
@ExtendWith(AttackPlatform.Resolver.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class HttpTransportTokenTest {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void requestsWithAWrongOrMissingTokenAreRefusedAndSendNothing(Platform platform) throws Exception {
        SessionApi api = new SessionApi(platform.sessionUrl());
        String victimId = ContractTests.newUser("victim");
        SessionApi.Session victimSession = api.connect(victimId);
        String otherId = ContractTests.newUser("other");
        try (SignalingClient other = SignalingClient.open(api.connect(otherId), Via.RAW_WEBSOCKET);
                Bystanders bystanders = Bystanders.nextTo(platform, victimId)) {
            // The victim streams (xhr_streaming) by hand, so the test knows its SockJS
            // session id as an eavesdropper would.
            String session = victimSession.listeningAddress() + "/000/" + Long.toHexString(System.nanoTime());
            String own = "?userId=" + victimId + "&token=" + victimSession.listeningKey();
            HttpResponse<InputStream> stream = http
                .send(HttpRequest.newBuilder(URI.create(session + "/xhr_streaming" + own))
                    .POST(HttpRequest.BodyPublishers.noBody())
                    .build(), HttpResponse.BodyHandlers.ofInputStream());
            BufferedReader frames = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8));
            assertThat(frames.readLine()).matches("h+"); // the prelude
            assertThat(frames.readLine()).isEqualTo("o");

            String spoof = "[\"{\\\"to\\\":\\\"" + otherId
                    + "\\\",\\\"id\\\":\\\"spoofed\\\",\\\"content\\\":\\\"from the attacker\\\"}\"]";
            String wrongToken = "?userId=" + victimId + "&token="
                    + api.connect(ContractTests.newUser("attacker")).listeningKey();
            String[] refused = { "", "?userId=" + victimId, wrongToken,
                    "?userId=" + otherId + "&token=" + victimSession.listeningKey() };
            for (String query : refused) {
                for (String transport : new String[] { "/xhr_send", "/xhr", "/xhr_streaming" }) {
                    assertThat(
                            post(session + transport + query, transport.equals("/xhr_send") ? spoof : "").statusCode())
                        .as(transport + query)
                        .isEqualTo(403);
                }
            }
            UnderLoad.holdNegative(() -> other.framesOfType("signal").isEmpty());

            // The owner's own requests still work, on the very same session.
            String genuine = "[\"{\\\"to\\\":\\\"" + otherId + "\\\",\\\"id\\\":\\\"genuine\\\",\\\"content\\\":1}\"]";
            assertThat(post(session + "/xhr_send" + own, genuine).statusCode()).isEqualTo(204);
            other.awaitFrame(SignalingClient.ofType("signal", "genuine"));
            String frame = frames.readLine();
            while ("h".equals(frame)) { // SockJS heartbeats
                frame = frames.readLine();
            }
            assertThat(frame).startsWith("a[").contains("genuine"); // its ack, on its own
                                                                    // stream
            stream.body().close();

            bystanders.assertRoundTripWithinLimit();
            Bystanders.assertServicesUp(platform);
        }
    }

    private HttpResponse<String> post(String url, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "text/plain")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(), HttpResponse.BodyHandlers.ofString());
    }

}

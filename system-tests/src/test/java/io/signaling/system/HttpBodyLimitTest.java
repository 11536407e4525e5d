package io.signaling.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.signaling.system.SignalingClient.Via;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Attack (issue 11): three concurrent 64 MiB {@code xhr_send} bodies, which a gateway
 * used to read whole into memory. A body over 1 MiB is refused with 413 before it is read
 * (contract §2): at once when its Content-Length says so, after the first MiB when it is
 * chunked.
 */
@ExtendWith(AttackPlatform.Resolver.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class HttpBodyLimitTest {

    private static final Logger log = LoggerFactory.getLogger(HttpBodyLimitTest.class);

    private static final long BODY = 64L * 1024 * 1024;

    @Test
    void threeConcurrentSixtyFourMebibyteBodiesAreRefusedBeforeTheyAreRead(Platform platform) throws Exception {
        SessionApi api = new SessionApi(platform.sessionUrl());
        String attackerId = ContractTests.newUser("bulky");
        SessionApi.Session session = api.connect(attackerId);
        try (Bystanders bystanders = Bystanders.nextTo(platform, attackerId)) {
            String sockJs = session.listeningAddress() + "/000/" + Long.toHexString(System.nanoTime());
            String own = "?userId=" + attackerId + "&token=" + session.listeningKey();
            HttpResponse<String> open = HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(URI.create(sockJs + "/xhr" + own))
                    .POST(HttpRequest.BodyPublishers.noBody())
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(open.body()).isEqualTo("o\n");
            URI send = URI.create(sockJs + "/xhr_send" + own);

            List<CompletableFuture<long[]>> attacks = new ArrayList<>();
            for (boolean chunked : new boolean[] { true, true, false }) {
                attacks.add(CompletableFuture.supplyAsync(() -> post(send, chunked)));
            }
            for (CompletableFuture<long[]> attack : attacks) {
                long[] statusAndWritten = attack.get(60, TimeUnit.SECONDS);
                log.info("Body limit: answered {} after the client wrote {} KiB of 65536", statusAndWritten[0],
                        statusAndWritten[1] / 1024);
                assertThat(statusAndWritten[0]).isEqualTo(413);
                assertThat(statusAndWritten[1]).as("bytes the client got to write").isLessThan(BODY);
            }

            bystanders.assertRoundTripWithinLimit();
            Bystanders.assertServicesUp(platform);
        }
    }

    /**
     * {status, bytes written}; the body is streamed on another thread while the status is
     * awaited.
     */
    private static long[] post(URI url, boolean chunked) {
        try (Socket socket = RawHttp.connect(url, "127.0.0.1", 0)) {
            RawHttp.head(socket, "POST", url, "Content-Type: text/plain",
                    chunked ? "Transfer-Encoding: chunked" : "Content-Length: " + BODY);
            CompletableFuture<Long> written = CompletableFuture
                .supplyAsync(() -> RawHttp.streamBody(socket, BODY, chunked));
            int status = RawHttp.status(socket, 30_000);
            socket.close(); // stop streaming the rest
            return new long[] { status, written.get(30, TimeUnit.SECONDS) };
        }
        catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

}

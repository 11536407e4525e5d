package io.signaling.session.connect;

import static io.signaling.session.testing.FakeGateways.gateway;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.signaling.schemas.gateway.GatewayHeartbeat;
import io.signaling.session.system.ApiCors;
import io.signaling.session.system.CorsProperties;
import io.signaling.session.testing.FakeGateways;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** What makes /connect answer 503 overloaded, and what lets it in again. */
class ConnectAdmissionTest {

    private final FakeGateways gateways = new FakeGateways().set(gateway("gw-a", 1, 0), gateway("gw-b", 2, 1));

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    private final ConnectAdmission admission = new ConnectAdmission(gateways,
            new OverloadProperties(2, Duration.ofSeconds(2)),
            new ApiCors(new CorsProperties(List.of("http://localhost:*"))), meters);

    @Test
    void onlyWhenEveryGatewayWithRoomShedsLoad() throws Exception {
        gateways.set(heartbeat("gw-a", 0, 0, true), heartbeat("gw-b", 0, 0, false));
        assertThat(admission.refusal()).isNull();

        gateways.set(heartbeat("gw-a", 0, 0, true), heartbeat("gw-b", 0, 0, true));
        MockHttpServletResponse refused = connect();
        assertThat(refused.getStatus()).isEqualTo(503);
        assertThat(refused.getHeader("Retry-After")).isEqualTo("2");
        assertThat(refused.getContentAsString()).contains("\"error\":\"overloaded\"");
        assertThat(meters.get("signaling.session.connect").tag("outcome", "overloaded").counter().count()).isEqualTo(1);

        // A full gateway does not count: that one refuses sessions for want of room
        // (no-gateway-available).
        gateways.set(heartbeat("gw-a", 0, 0, true), heartbeat("gw-b", 10, 10, false));
        assertThat(admission.refusal()).isNotNull();
        gateways.set(heartbeat("gw-b", 10, 10, false));
        assertThat(admission.refusal()).isNull();
    }

    @Test
    void pastMaxPendingTheNextIsRefusedAndAFinishedOneFreesItsPlace() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<MockHttpServletResponse> first = CompletableFuture.supplyAsync(() -> held(release));
        CompletableFuture<MockHttpServletResponse> second = CompletableFuture.supplyAsync(() -> held(release));
        org.awaitility.Awaitility.await()
            .atMost(Duration.ofSeconds(5))
            .until(() -> meters.get("signaling.session.connect.pending").gauge().value() == 2);

        assertThat(connect().getStatus()).isEqualTo(503);

        release.countDown();
        assertThat(first.get(5, TimeUnit.SECONDS).getStatus()).isEqualTo(200);
        assertThat(second.get(5, TimeUnit.SECONDS).getStatus()).isEqualTo(200);
        assertThat(connect().getStatus()).isEqualTo(200);
    }

    @Test
    void otherRequestsAreNotItsBusiness() throws Exception {
        gateways.set(heartbeat("gw-a", 0, 0, true));
        MockHttpServletResponse response = new MockHttpServletResponse();
        admission.doFilter(new MockHttpServletRequest("GET", "/sessions/alice"), response, new MockFilterChain());
        assertThat(response.getStatus()).isEqualTo(200);
        admission.doFilter(new MockHttpServletRequest("OPTIONS", "/connect"), response, new MockFilterChain());
        assertThat(response.getStatus()).isEqualTo(200);
    }

    private MockHttpServletResponse connect() throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        admission.doFilter(new MockHttpServletRequest("POST", "/connect"), response, new MockFilterChain());
        return response;
    }

    private MockHttpServletResponse held(CountDownLatch release) {
        MockHttpServletResponse response = new MockHttpServletResponse();
        try {
            admission.doFilter(new MockHttpServletRequest("POST", "/connect"), response, (request, ignored) -> {
                try {
                    release.await(10, TimeUnit.SECONDS);
                }
                catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
        catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return response;
    }

    private static GatewayHeartbeat heartbeat(String id, int connections, int max, boolean overloaded) {
        return new GatewayHeartbeat(id, "http://127.0.0.1:1/ws", List.of(0), connections, max, overloaded,
                Instant.now(), Instant.now());
    }

}

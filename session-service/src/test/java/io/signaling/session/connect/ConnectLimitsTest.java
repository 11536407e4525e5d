package io.signaling.session.connect;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.signaling.session.testing.FakeGateways;
import io.signaling.session.testing.FakeKafkaSide;
import io.signaling.session.testing.FakeRelay;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * Contract §1: {@code 413 request-too-large} over 4 KiB, {@code 429 rate-limited} per
 * client address.
 */
@WebMvcTest(controllers = ConnectController.class, properties = { "signaling.session.decision-timeout=300ms",
        "signaling.session.limits.connect-rate.per-second=0.01", "signaling.session.limits.connect-rate.burst=3" })
@Import({ FakeKafkaSide.class, ConnectService.class, GatewayPicker.class, ConnectMetrics.class })
class ConnectLimitsTest {

    @Autowired
    private MockMvc mvc;

    @Autowired
    private FakeRelay relay;

    @Autowired
    private FakeGateways gateways;

    @BeforeEach
    void reset() {
        relay.reset();
        gateways.set(FakeGateways.gateway("gw-1", 8081, 3));
    }

    @Test
    void aBodyOverFourKibIsRefusedBeforeAnythingIsCreated() throws Exception {
        String body = "userId=alice&padding=" + "x".repeat(4096);

        mvc.perform(connect("10.0.0.1", MediaType.APPLICATION_FORM_URLENCODED, body))
            .andExpect(status().isContentTooLarge())
            .andExpect(header().string(HttpHeaders.CONNECTION, "close"))
            .andExpect(jsonPath("$.error").value("request-too-large"));
        mvc.perform(connect("10.0.0.1", MediaType.APPLICATION_JSON, "{\"userId\":\"" + "a".repeat(5000) + "\"}"))
            .andExpect(status().isContentTooLarge());

        org.assertj.core.api.Assertions.assertThat(relay.received()).isEmpty();
    }

    @Test
    void aBodyOfFourKibIsRead() throws Exception {
        String prefix = "userId=bob&padding=";
        String body = prefix + "x".repeat(4096 - prefix.length());

        mvc.perform(connect("10.0.0.1", MediaType.APPLICATION_FORM_URLENCODED, body)).andExpect(status().isCreated());
    }

    @Test
    void pastTheBurstOneAddressIsAnswered429WithRetryAfterAndOthersAreNot() throws Exception {
        for (int i = 0; i < 3; i++) {
            mvc.perform(connect("10.0.0.7", MediaType.APPLICATION_FORM_URLENCODED, "userId=u" + i))
                .andExpect(status().isCreated());
        }

        // A page on another origin can read the answer and when to come back.
        mvc.perform(connect("10.0.0.7", MediaType.APPLICATION_FORM_URLENCODED, "userId=u3").header(HttpHeaders.ORIGIN,
                "http://localhost:3000"))
            .andExpect(status().isTooManyRequests())
            .andExpect(jsonPath("$.error").value("rate-limited"))
            .andExpect(header().string(HttpHeaders.RETRY_AFTER, "100"))
            .andExpect(header().string(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "http://localhost:3000"))
            .andExpect(header().string(HttpHeaders.ACCESS_CONTROL_EXPOSE_HEADERS,
                    org.hamcrest.Matchers.containsString(HttpHeaders.RETRY_AFTER)));
        mvc.perform(connect("10.0.0.8", MediaType.APPLICATION_FORM_URLENCODED, "userId=u4"))
            .andExpect(status().isCreated());
        org.assertj.core.api.Assertions.assertThat(relay.received()).hasSize(4);
    }

    private static MockHttpServletRequestBuilder connect(String address, MediaType type, String body) {
        return post("/connect").contentType(type).content(body).with(request -> {
            request.setRemoteAddr(address);
            return request;
        });
    }

}

package io.signaling.session.connect;

import static io.signaling.session.testing.IdentityProvider.claims;
import static io.signaling.session.testing.IdentityProvider.sign;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import io.signaling.session.testing.FakeGateways;
import io.signaling.session.testing.FakeKafkaSide;
import io.signaling.session.testing.FakeRelay;
import io.signaling.session.testing.IdentityProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/**
 * The JWK Set changes under a running service: a key rotation is picked up without a
 * restart (the new {@code kid} makes the decoder fetch the set again), and a provider
 * that stops answering is a 503 for a token whose key is not cached, not a 401: the token
 * may well be good.
 */
@WebMvcTest(controllers = ConnectController.class, properties = "signaling.session.decision-timeout=300ms")
@Import({ FakeKafkaSide.class, ConnectService.class, GatewayPicker.class, ConnectMetrics.class })
class ConnectKeyRotationTest {

    private static final IdentityProvider provider = new IdentityProvider();

    private static final RSAKey OLD = IdentityProvider.rsaKey("2026-01");

    private static final ECKey NEW = IdentityProvider.ecKey("2026-02");

    static {
        provider.publish("idp", OLD);
    }

    @DynamicPropertySource
    static void identityTokens(DynamicPropertyRegistry registry) {
        registry.add("signaling.auth.jwt.jwk-set-uri", () -> provider.jwkSetUri("idp"));
    }

    @AfterAll
    static void stopProvider() {
        provider.close();
    }

    @Autowired
    private MockMvc mvc;

    @Autowired
    private FakeRelay relay;

    @Autowired
    private FakeGateways gateways;

    private ResultActions connect(String userId, String token) throws Exception {
        relay.reset();
        return mvc.perform(post("/connect").header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
            .contentType(MediaType.APPLICATION_JSON)
            .content("{\"userId\":\"" + userId + "\"}"));
    }

    @Test
    void aRotatedKeyIsPickedUpAndAnOutageIsA503() throws Exception {
        gateways.set(FakeGateways.gateway("gw-1", 8081, 3));
        connect("alice", sign(OLD, JWSAlgorithm.RS256, claims("alice", b -> {
        }))).andExpect(status().isCreated());

        provider.publish("idp", NEW); // the provider rotates: the old key is gone, a new
                                      // kid signs
        connect("bob", sign(NEW, JWSAlgorithm.ES256, claims("bob", b -> {
        }))).andExpect(status().isCreated());

        provider.down(true);
        RSAKey newer = IdentityProvider.rsaKey("2026-03");
        connect("carol", sign(newer, JWSAlgorithm.RS256, claims("carol", b -> {
        }))).andExpect(status().isServiceUnavailable())
            .andExpect(header().string(HttpHeaders.RETRY_AFTER, "5"))
            .andExpect(jsonPath("$.error").value("identity-provider-unavailable"));
        assertThat(relay.received()).isEmpty();

        provider.down(false);
        provider.publish("idp", NEW, newer);
        connect("carol", sign(newer, JWSAlgorithm.RS256, claims("carol", b -> {
        }))).andExpect(status().isCreated());
    }

}

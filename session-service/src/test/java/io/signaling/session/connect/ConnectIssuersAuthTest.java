package io.signaling.session.connect;

import static io.signaling.session.testing.IdentityProvider.claims;
import static io.signaling.session.testing.IdentityProvider.sign;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.RSAKey;
import io.signaling.session.testing.FakeGateways;
import io.signaling.session.testing.FakeKafkaSide;
import io.signaling.session.testing.FakeRelay;
import io.signaling.session.testing.IdentityProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
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
 * Two OIDC issuers found through their discovery documents, whose JWK Sets both hold a
 * key with {@code kid} "k1" (different keys): a token is verified only with the keys of
 * the issuer it names, so one issuer's key never opens another's users (the cross-issuer
 * bypass of Centrifugo CVE-2026-49998).
 */
@WebMvcTest(controllers = ConnectController.class, properties = "signaling.session.decision-timeout=300ms")
@Import({ FakeKafkaSide.class, ConnectService.class, GatewayPicker.class, ConnectMetrics.class })
class ConnectIssuersAuthTest {

    private static final IdentityProvider provider = new IdentityProvider();

    private static final RSAKey COMPANY = IdentityProvider.rsaKey("k1");

    private static final RSAKey PARTNER = IdentityProvider.rsaKey("k1");

    static {
        provider.publish("company", COMPANY);
        provider.publish("partner", PARTNER);
    }

    @DynamicPropertySource
    static void identityTokens(DynamicPropertyRegistry registry) {
        registry.add("signaling.auth.jwt.issuer-uri",
                () -> provider.issuer("company") + "," + provider.issuer("partner"));
        registry.add("signaling.auth.jwt.audience", () -> "signaling");
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

    @BeforeEach
    void reset() {
        relay.reset();
        gateways.set(FakeGateways.gateway("gw-1", 8081, 3));
    }

    private ResultActions connect(RSAKey key, String issuer, String userId) throws Exception {
        String token = sign(key, JWSAlgorithm.RS256, claims(userId, b -> b.issuer(issuer).audience("signaling")));
        return mvc.perform(post("/connect").header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
            .contentType(MediaType.APPLICATION_JSON)
            .content("{\"userId\":\"" + userId + "\"}"));
    }

    @Test
    void eachIssuersTokensConnectWithThatIssuersKeys() throws Exception {
        connect(COMPANY, provider.issuer("company"), "alice").andExpect(status().isCreated());
        connect(PARTNER, provider.issuer("partner"), "bob").andExpect(status().isCreated());
    }

    @Test
    void aKeyOfOneIssuerDoesNotVerifyATokenNamingAnother() throws Exception {
        connect(COMPANY, provider.issuer("partner"), "bob").andExpect(status().isUnauthorized())
            .andExpect(jsonPath("$.error").value("unauthorized"));
        connect(PARTNER, provider.issuer("company"), "alice").andExpect(status().isUnauthorized());
    }

    @Test
    void anIssuerNotConfiguredIsUnauthorized() throws Exception {
        connect(COMPANY, provider.issuer("stranger"), "alice").andExpect(status().isUnauthorized());
        connect(COMPANY, null, "alice").andExpect(status().isUnauthorized());
    }

}

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
import com.nimbusds.jwt.JWTClaimsSet;
import io.micrometer.core.instrument.MeterRegistry;
import io.signaling.session.testing.FakeGateways;
import io.signaling.session.testing.FakeKafkaSide;
import io.signaling.session.testing.FakeRelay;
import io.signaling.session.testing.IdentityProvider;
import java.util.Date;
import java.time.Instant;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * Contract §6 with a JWK Set served on loopback by the test (RSA and EC keys made here),
 * an issuer and an audience: every way a token can be right or wrong, each with its
 * status and code.
 */
@WebMvcTest(controllers = ConnectController.class, properties = "signaling.session.decision-timeout=300ms")
@Import({ FakeKafkaSide.class, ConnectService.class, GatewayPicker.class, ConnectMetrics.class })
class ConnectJwkSetAuthTest {

    private static final IdentityProvider provider = new IdentityProvider();

    private static final RSAKey RSA = IdentityProvider.rsaKey("rsa-1");

    private static final ECKey EC = IdentityProvider.ecKey("ec-1");

    private static final String ISSUER = "https://id.example.test/";

    private static final String AUDIENCE = "signaling";

    static {
        provider.publish("idp", RSA, EC);
    }

    @DynamicPropertySource
    static void identityTokens(DynamicPropertyRegistry registry) {
        registry.add("signaling.auth.jwt.jwk-set-uri", () -> provider.jwkSetUri("idp"));
        registry.add("signaling.auth.jwt.issuer", () -> ISSUER);
        registry.add("signaling.auth.jwt.audience", () -> AUDIENCE + ",other-audience");
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

    @Autowired
    private MeterRegistry meters;

    @BeforeEach
    void reset() {
        relay.reset();
        gateways.set(FakeGateways.gateway("gw-1", 8081, 3));
    }

    private static String token(String subject, Consumer<JWTClaimsSet.Builder> customizer) {
        return sign(RSA, JWSAlgorithm.RS256, claims(subject, builder -> {
            builder.issuer(ISSUER).audience(AUDIENCE);
            customizer.accept(builder);
        }));
    }

    private static String token(String subject) {
        return token(subject, builder -> {
        });
    }

    private ResultActions connect(String body, String authorization) throws Exception {
        MockHttpServletRequestBuilder request = post("/connect").contentType(MediaType.APPLICATION_JSON).content(body);
        if (authorization != null) {
            request.header(HttpHeaders.AUTHORIZATION, authorization);
        }
        return mvc.perform(request);
    }

    private void refusedUnauthorized(String authorization) throws Exception {
        connect("{\"userId\":\"alice\"}", authorization).andExpect(status().isUnauthorized())
            .andExpect(header().string(HttpHeaders.WWW_AUTHENTICATE, org.hamcrest.Matchers.startsWith("Bearer")))
            .andExpect(jsonPath("$.error").value("unauthorized"))
            .andExpect(jsonPath("$.message").isString());
        assertThat(relay.received()).as("nothing reaches Kafka").isEmpty();
    }

    @Test
    void anRs256TokenOfTheUserConnects() throws Exception {
        connect("{\"userId\":\"alice\"}", "Bearer " + token("alice")).andExpect(status().isCreated())
            .andExpect(jsonPath("$.userId").value("alice"));
    }

    @Test
    void anEs256TokenOfTheUserConnects() throws Exception {
        String es256 = sign(EC, JWSAlgorithm.ES256, claims("alice", b -> b.issuer(ISSUER).audience(AUDIENCE)));

        connect("{\"userId\":\"alice\"}", "Bearer " + es256).andExpect(status().isCreated());
    }

    @Test
    void aBodyWithoutUserIdTakesTheSubjectInEveryBodyForm() throws Exception {
        connect("{}", "Bearer " + token("alice")).andExpect(status().isCreated())
            .andExpect(jsonPath("$.userId").value("alice"));
        relay.reset();
        mvc.perform(post("/connect").header(HttpHeaders.AUTHORIZATION, "Bearer " + token("bob"))
            .contentType(MediaType.APPLICATION_FORM_URLENCODED)
            .content("")).andExpect(status().isCreated()).andExpect(jsonPath("$.userId").value("bob"));
        relay.reset();
        mvc.perform(post("/connect").header(HttpHeaders.AUTHORIZATION, "Bearer " + token("carol")))
            .andExpect(status().isCreated())
            .andExpect(jsonPath("$.userId").value("carol"));
    }

    @Test
    void aBodyNamingAnotherUserIsForbidden() throws Exception {
        double before = meters.counter("signaling.session.connect.auth", "outcome", "user-id-not-allowed").count();

        connect("{\"userId\":\"bob\"}", "Bearer " + token("alice")).andExpect(status().isForbidden())
            .andExpect(jsonPath("$.error").value("user-id-not-allowed"));

        assertThat(relay.received()).isEmpty();
        assertThat(meters.counter("signaling.session.connect.auth", "outcome", "user-id-not-allowed").count())
            .isEqualTo(before + 1);
    }

    @Test
    void anInvalidUserIdIsStillABadRequest() throws Exception {
        connect("{\"userId\":\"no spaces\"}", "Bearer " + token("alice")).andExpect(status().isBadRequest())
            .andExpect(jsonPath("$.error").value("invalid-user-id"));
    }

    @Test
    void aMissingHeaderIsUnauthorizedWithAPlainBearerChallenge() throws Exception {
        double before = meters.counter("signaling.session.connect.auth", "outcome", "missing").count();

        refusedUnauthorized(null);

        connect("{\"userId\":\"alice\"}", null).andExpect(header().string(HttpHeaders.WWW_AUTHENTICATE, "Bearer"));
        assertThat(meters.counter("signaling.session.connect.auth", "outcome", "missing").count())
            .isEqualTo(before + 2);
    }

    @ParameterizedTest
    @ValueSource(strings = { "Bearer", "Bearer ", "Bearer not-a-jwt", "Bearer a.b.c", "Bearer two words",
            "Basic YWxpY2U6cHc=", "Token abc" })
    void aMalformedHeaderIsUnauthorized(String authorization) throws Exception {
        refusedUnauthorized(authorization);
    }

    @Test
    void anExpiredTokenIsUnauthorized() throws Exception {
        Instant now = Instant.now();
        refusedUnauthorized("Bearer " + token("alice", b -> b.issueTime(Date.from(now.minusSeconds(300)))
            .expirationTime(Date.from(now.minusSeconds(61 + 5)))));
    }

    @Test
    void aTokenExpiredWithinTheClockSkewStillConnects() throws Exception {
        Instant now = Instant.now();
        String expiredHalfAMinuteAgo = token("alice",
                b -> b.issueTime(Date.from(now.minusSeconds(300))).expirationTime(Date.from(now.minusSeconds(30))));
        connect("{\"userId\":\"alice\"}", "Bearer " + expiredHalfAMinuteAgo).andExpect(status().isCreated());
    }

    @Test
    void aTokenWithoutExpiryIsUnauthorized() throws Exception {
        refusedUnauthorized("Bearer " + token("alice", b -> b.expirationTime(null)));
    }

    @Test
    void aTokenNotYetValidIsUnauthorized() throws Exception {
        refusedUnauthorized(
                "Bearer " + token("alice", b -> b.notBeforeTime(Date.from(Instant.now().plusSeconds(61 + 30)))));
    }

    @Test
    void aWrongSignatureIsUnauthorized() throws Exception {
        RSAKey impostor = IdentityProvider.rsaKey(RSA.getKeyID()); // same kid, another
                                                                   // key
        refusedUnauthorized("Bearer "
                + sign(impostor, JWSAlgorithm.RS256, claims("alice", b -> b.issuer(ISSUER).audience(AUDIENCE))));
    }

    @Test
    void anUnknownKidIsUnauthorized() throws Exception {
        RSAKey stranger = IdentityProvider.rsaKey("stranger");
        refusedUnauthorized("Bearer "
                + sign(stranger, JWSAlgorithm.RS256, claims("alice", b -> b.issuer(ISSUER).audience(AUDIENCE))));
    }

    @Test
    void aWrongIssuerIsUnauthorized() throws Exception {
        refusedUnauthorized("Bearer " + token("alice", b -> b.issuer("https://elsewhere.example.test/")));
        refusedUnauthorized("Bearer " + token("alice", b -> b.issuer(null)));
    }

    @Test
    void aWrongAudienceIsUnauthorizedAndAnyConfiguredOneConnects() throws Exception {
        refusedUnauthorized("Bearer " + token("alice", b -> b.audience("someone-else")));
        refusedUnauthorized("Bearer " + token("alice", b -> b.audience((String) null)));
        connect("{\"userId\":\"alice\"}", "Bearer " + token("alice", b -> b.audience("other-audience")))
            .andExpect(status().isCreated());
    }

    @Test
    void algNoneIsUnauthorized() throws Exception {
        refusedUnauthorized(
                "Bearer " + IdentityProvider.unsigned(claims("alice", b -> b.issuer(ISSUER).audience(AUDIENCE))));
    }

    @Test
    void anHmacTokenIsUnauthorizedWhereKeysArePublic() throws Exception {
        // HS256 keyed with the RSA public key's bytes: the classic algorithm-confusion
        // attack
        byte[] publicKey = RSA.toRSAPublicKey().getEncoded();
        refusedUnauthorized("Bearer " + IdentityProvider.signHmac(publicKey, JWSAlgorithm.HS256,
                claims("alice", b -> b.issuer(ISSUER).audience(AUDIENCE))));
    }

    @Test
    void aPageOnAnAllowedOriginCanReadTheRefusal() throws Exception {
        mvc.perform(post("/connect").header(HttpHeaders.ORIGIN, "http://localhost:3000")
            .contentType(MediaType.APPLICATION_JSON)
            .content("{\"userId\":\"alice\"}"))
            .andExpect(status().isUnauthorized())
            .andExpect(header().string(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "http://localhost:3000"))
            .andExpect(header().string(HttpHeaders.ACCESS_CONTROL_EXPOSE_HEADERS,
                    org.hamcrest.Matchers.containsString(HttpHeaders.WWW_AUTHENTICATE)));
    }

}

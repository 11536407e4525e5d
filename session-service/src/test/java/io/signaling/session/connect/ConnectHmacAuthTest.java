package io.signaling.session.connect;

import static io.signaling.session.testing.IdentityProvider.claims;
import static io.signaling.session.testing.IdentityProvider.signHmac;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.nimbusds.jose.JWSAlgorithm;
import io.signaling.session.testing.FakeGateways;
import io.signaling.session.testing.FakeKafkaSide;
import io.signaling.session.testing.FakeRelay;
import io.signaling.session.testing.IdentityProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Date;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
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
 * Contract §6 with an HMAC secret read from a file (its final newline is not part of it).
 */
@WebMvcTest(controllers = ConnectController.class, properties = "signaling.session.decision-timeout=300ms")
@Import({ FakeKafkaSide.class, ConnectService.class, GatewayPicker.class, ConnectMetrics.class })
class ConnectHmacAuthTest {

    private static final String SECRET = "a-shared-secret-of-at-least-64-bytes-so-that-HS512-is-fine-too!!";

    private static final Path SECRET_FILE;

    static {
        try {
            SECRET_FILE = Files.createTempFile("jwt-hmac", ".secret");
            Files.writeString(SECRET_FILE, SECRET + "\n");
            SECRET_FILE.toFile().deleteOnExit();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @DynamicPropertySource
    static void identityTokens(DynamicPropertyRegistry registry) {
        registry.add("signaling.auth.jwt.hmac-secret-file", SECRET_FILE::toString);
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

    private ResultActions connect(String token) throws Exception {
        return mvc.perform(post("/connect").header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
            .contentType(MediaType.APPLICATION_JSON)
            .content("{\"userId\":\"alice\"}"));
    }

    private static byte[] secret() {
        return SECRET.getBytes(StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @ValueSource(strings = { "HS256", "HS384", "HS512" })
    void aTokenSignedWithTheSecretConnects(String algorithm) throws Exception {
        connect(signHmac(secret(), JWSAlgorithm.parse(algorithm), claims("alice", b -> {
        }))).andExpect(status().isCreated()).andExpect(jsonPath("$.userId").value("alice"));
    }

    @Test
    void anotherSecretIsUnauthorized() throws Exception {
        byte[] other = "another-secret-that-is-long-enough-for-hs256!".getBytes(StandardCharsets.UTF_8);
        connect(signHmac(other, JWSAlgorithm.HS256, claims("alice", b -> {
        }))).andExpect(status().isUnauthorized()).andExpect(jsonPath("$.error").value("unauthorized"));
    }

    @Test
    void expiredNotYetValidAndUnsignedAreUnauthorized() throws Exception {
        connect(signHmac(secret(), JWSAlgorithm.HS256,
                claims("alice", b -> b.expirationTime(Date.from(Instant.now().minusSeconds(120))))))
            .andExpect(status().isUnauthorized());
        connect(signHmac(secret(), JWSAlgorithm.HS256,
                claims("alice", b -> b.notBeforeTime(Date.from(Instant.now().plusSeconds(120))))))
            .andExpect(status().isUnauthorized());
        connect(IdentityProvider.unsigned(claims("alice", b -> {
        }))).andExpect(status().isUnauthorized());
    }

    @Test
    void subjectOtherThanTheUserIdIsForbidden() throws Exception {
        connect(signHmac(secret(), JWSAlgorithm.HS256, claims("mallory", b -> {
        }))).andExpect(status().isForbidden()).andExpect(jsonPath("$.error").value("user-id-not-allowed"));
    }

}

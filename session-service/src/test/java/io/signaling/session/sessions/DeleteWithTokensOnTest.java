package io.signaling.session.sessions;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.signaling.schemas.security.ListeningKeys;
import io.signaling.session.testing.FakeKafkaSide;
import io.signaling.session.testing.FakeRelay;
import io.signaling.session.testing.HmacSecretFile;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * With identity tokens on /connect, DELETE /sessions still takes the listening key as its
 * Bearer, not a JWT.
 */
@WebMvcTest(controllers = SessionsController.class, properties = "signaling.session.decision-timeout=300ms")
@Import({ FakeKafkaSide.class, EndSessionService.class })
class DeleteWithTokensOnTest {

    private static final String KEY = ListeningKeys.generate();

    @DynamicPropertySource
    static void identityTokens(DynamicPropertyRegistry registry) {
        registry.add("signaling.auth.jwt.hmac-secret-file", HmacSecretFile::create);
    }

    @Autowired
    private MockMvc mvc;

    @Autowired
    private FakeRelay relay;

    @Test
    void theListeningKeyEndsTheSessionAndAWrongOneIsStillInvalidKey() throws Exception {
        relay.reset();
        relay.add("alice", "gw-1", ListeningKeys.hash(KEY), true);

        mvc.perform(delete("/sessions/alice").header(HttpHeaders.AUTHORIZATION, "Bearer " + ListeningKeys.generate()))
            .andExpect(status().isUnauthorized())
            .andExpect(jsonPath("$.error").value("invalid-key"));
        mvc.perform(delete("/sessions/alice").header(HttpHeaders.AUTHORIZATION, "Bearer " + KEY))
            .andExpect(status().isNoContent());
    }

}

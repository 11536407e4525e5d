package io.signaling.session.ice;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
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
 * With identity tokens on /connect, /ice-servers still hands TURN credentials to the
 * listening key.
 */
@WebMvcTest(controllers = IceServersController.class,
        properties = { "signaling.ice.turn-urls=turn:turn.example.test:3478", "signaling.ice.turn-secret=north" })
@Import(FakeKafkaSide.class)
class IceServersWithTokensOnTest {

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
    void theListeningKeyStillGetsTurnCredentials() throws Exception {
        relay.reset();
        relay.add("alice", "gw-1", ListeningKeys.hash(KEY), true);

        mvc.perform(get("/ice-servers").param("userId", "alice").header(HttpHeaders.AUTHORIZATION, "Bearer " + KEY))
            .andExpect(status().isOk())
            .andExpect(jsonPath("$.iceServers[0].username").isString());
    }

}

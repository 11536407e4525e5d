package io.signaling.session.ice;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.signaling.schemas.security.ListeningKeys;
import io.signaling.session.testing.FakeKafkaSide;
import io.signaling.session.testing.FakeRelay;
import io.signaling.session.testing.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.servlet.MockMvc;

@WebMvcTest(controllers = IceServersController.class,
        properties = { "signaling.ice.stun-urls=stun:turn.example.test:3478",
                "signaling.ice.turn-urls=turn:turn.example.test:3478?transport=udp,turns:turn.example.test:5349",
                "signaling.ice.turn-secret=north", "signaling.ice.credential-ttl=10m" })
@Import(FakeKafkaSide.class)
class IceServersControllerTest {

    private static final String KEY = ListeningKeys.generate();

    @Autowired
    private MockMvc mvc;

    @Autowired
    private FakeRelay relay;

    @Autowired
    private MutableClock clock;

    @BeforeEach
    void reset() {
        relay.reset();
        relay.add("alice", "gw-1", ListeningKeys.hash(KEY), true);
    }

    @Test
    void anyoneGetsStunButNoTurn() throws Exception {
        mvc.perform(get("/ice-servers"))
            .andExpect(status().isOk())
            .andExpect(jsonPath("$.iceServers.length()").value(1))
            .andExpect(jsonPath("$.iceServers[0].urls[0]").value("stun:turn.example.test:3478"))
            .andExpect(jsonPath("$.iceServers[0].username").doesNotExist());
    }

    @Test
    void aLiveSessionWithItsKeyGetsTimeLimitedTurnCredentials() throws Exception {
        long expiry = clock.instant().plusSeconds(600).getEpochSecond();

        mvc.perform(get("/ice-servers").param("userId", "alice").header(HttpHeaders.AUTHORIZATION, "Bearer " + KEY))
            .andExpect(status().isOk())
            .andExpect(jsonPath("$.iceServers.length()").value(2))
            .andExpect(jsonPath("$.iceServers[1].urls.length()").value(2))
            .andExpect(jsonPath("$.iceServers[1].username").value(expiry + ":alice"))
            .andExpect(jsonPath("$.iceServers[1].credential")
                .value(TurnCredentials.issue("north", "alice", java.time.Instant.ofEpochSecond(expiry)).credential()));
    }

    @Test
    void aWrongKeyOrUnknownUserGetsNoTurnCredentials() throws Exception {
        mvc.perform(get("/ice-servers").param("userId", "alice").header(HttpHeaders.AUTHORIZATION, "Bearer nope"))
            .andExpect(status().isUnauthorized())
            .andExpect(jsonPath("$.error").value("invalid-key"));
        mvc.perform(get("/ice-servers").param("userId", "nobody").header(HttpHeaders.AUTHORIZATION, "Bearer " + KEY))
            .andExpect(status().isUnauthorized());
    }

}

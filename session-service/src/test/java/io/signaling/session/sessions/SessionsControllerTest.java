package io.signaling.session.sessions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.options;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.signaling.schemas.security.ListeningKeys;
import io.signaling.schemas.session.EndSession;
import io.signaling.schemas.session.SessionState;
import io.signaling.session.testing.FakeKafkaSide;
import io.signaling.session.testing.FakeRelay;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@WebMvcTest(controllers = SessionsController.class, properties = "signaling.session.decision-timeout=300ms")
@Import({ FakeKafkaSide.class, EndSessionService.class })
class SessionsControllerTest {

    private static final String KEY = ListeningKeys.generate();

    @Autowired
    private MockMvc mvc;

    @Autowired
    private FakeRelay relay;

    private SessionState alice;

    @BeforeEach
    void reset() {
        relay.reset();
        alice = relay.add("alice", "gw-1", ListeningKeys.hash(KEY), true);
    }

    @Test
    void getShowsTheSessionWithoutItsKey() throws Exception {
        String body = mvc.perform(get("/sessions/alice"))
            .andExpect(status().isOk())
            .andExpect(jsonPath("$.userId").value("alice"))
            .andExpect(jsonPath("$.listeningAddress").value(alice.listeningAddress()))
            .andExpect(jsonPath("$.acked").value(true))
            .andReturn()
            .getResponse()
            .getContentAsString();

        JsonNode json = JsonMapper.builder().build().readTree(body);
        assertThat(json.propertyNames()).containsExactly("userId", "listeningAddress", "acked");
        assertThat(body).doesNotContain(KEY).doesNotContain(alice.keyHash()).doesNotContain("sha256");
    }

    @Test
    void getOfAnUnknownUserIs404() throws Exception {
        mvc.perform(get("/sessions/nobody"))
            .andExpect(status().isNotFound())
            .andExpect(jsonPath("$.error").value("session-not-found"))
            .andExpect(jsonPath("$.message").isNotEmpty());
    }

    @Test
    void deleteWithTheKeyEndsThatSession() throws Exception {
        mvc.perform(delete("/sessions/alice").header(HttpHeaders.AUTHORIZATION, "Bearer " + KEY))
            .andExpect(status().isNoContent());

        assertThat(relay.received()).singleElement().isInstanceOfSatisfying(EndSession.class, end -> {
            assertThat(end.userId()).isEqualTo("alice");
            assertThat(end.sessionId()).isEqualTo(alice.sessionId());
        });
        mvc.perform(get("/sessions/alice")).andExpect(status().isNotFound());
    }

    @Test
    void theBearerSchemeIsCaseInsensitive() throws Exception {
        mvc.perform(delete("/sessions/alice").header(HttpHeaders.AUTHORIZATION, "bearer  " + KEY))
            .andExpect(status().isNoContent());
    }

    @Test
    void deleteWithAWrongKeyIs401AndChangesNothing() throws Exception {
        mvc.perform(delete("/sessions/alice").header(HttpHeaders.AUTHORIZATION, "Bearer " + ListeningKeys.generate()))
            .andExpect(status().isUnauthorized())
            .andExpect(header().string(HttpHeaders.WWW_AUTHENTICATE, "Bearer"))
            .andExpect(jsonPath("$.error").value("invalid-key"));
        // the hash itself is not a key
        mvc.perform(delete("/sessions/alice").header(HttpHeaders.AUTHORIZATION, "Bearer " + alice.keyHash()))
            .andExpect(status().isUnauthorized());
        mvc.perform(delete("/sessions/alice").header(HttpHeaders.AUTHORIZATION, "Basic " + KEY))
            .andExpect(status().isUnauthorized());

        assertThat(relay.received()).isEmpty();
        mvc.perform(get("/sessions/alice")).andExpect(status().isOk());
    }

    @Test
    void deleteWithoutAKeyIs401() throws Exception {
        mvc.perform(delete("/sessions/alice"))
            .andExpect(status().isUnauthorized())
            .andExpect(jsonPath("$.error").value("invalid-key"));
        mvc.perform(delete("/sessions/alice").header(HttpHeaders.AUTHORIZATION, "Bearer "))
            .andExpect(status().isUnauthorized());
        assertThat(relay.received()).isEmpty();
    }

    @Test
    void deleteOfAnUnknownUserIs404() throws Exception {
        mvc.perform(delete("/sessions/nobody").header(HttpHeaders.AUTHORIZATION, "Bearer " + KEY))
            .andExpect(status().isNotFound())
            .andExpect(jsonPath("$.error").value("session-not-found"));
    }

    @Test
    void deleteIs503WhenTheRelayNeverAnswers() throws Exception {
        relay.silence();

        mvc.perform(delete("/sessions/alice").header(HttpHeaders.AUTHORIZATION, "Bearer " + KEY))
            .andExpect(status().isServiceUnavailable())
            .andExpect(jsonPath("$.error").value("relay-unavailable"));
    }

    @Test
    void unknownPathsAndMethodsAnswerJsonErrors() throws Exception {
        mvc.perform(get("/nope")).andExpect(status().isNotFound()).andExpect(jsonPath("$.error").value("not-found"));
        mvc.perform(put("/sessions/alice"))
            .andExpect(status().isMethodNotAllowed())
            .andExpect(jsonPath("$.error").value("method-not-allowed"));
    }

    @Test
    void corsPreflightForDeleteAllowsTheAuthorizationHeader() throws Exception {
        mvc.perform(options("/sessions/alice").header(HttpHeaders.ORIGIN, "http://localhost:8000")
            .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "DELETE")
            .header(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS, "authorization"))
            .andExpect(status().isOk())
            .andExpect(header().string(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "http://localhost:8000"));
        mvc.perform(options("/sessions/alice").header(HttpHeaders.ORIGIN, "http://example.com")
            .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "DELETE")).andExpect(status().isForbidden());
    }

}

package io.signaling.session.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.options;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.micrometer.core.instrument.MeterRegistry;
import io.signaling.schemas.security.ListeningKeys;
import io.signaling.schemas.session.CreateSession;
import io.signaling.schemas.session.EndSession;
import io.signaling.schemas.session.SessionCommand;
import io.signaling.session.testing.FakeGateways;
import io.signaling.session.testing.FakeKafkaSide;
import io.signaling.session.testing.FakeRelay;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@WebMvcTest(controllers = ConnectController.class, properties = "signaling.session.decision-timeout=300ms")
@Import({ FakeKafkaSide.class, ConnectService.class, GatewayPicker.class, ConnectMetrics.class })
class ConnectControllerTest {

    private static final String USER_ID_RULE_VIOLATION = "invalid-user-id";

    @Autowired
    private MockMvc mvc;

    @Autowired
    private FakeRelay relay;

    @Autowired
    private FakeGateways gateways;

    @Autowired
    private MeterRegistry meters;

    private final JsonMapper json = JsonMapper.builder().build();

    @BeforeEach
    void reset() {
        relay.reset();
        gateways.set(FakeGateways.gateway("gw-1", 8081, 3));
    }

    @Test
    void formBodyCreatesASessionBoundToALiveGateway() throws Exception {
        double before = count("created");

        MvcResult result = mvc
            .perform(post("/connect").contentType(MediaType.APPLICATION_FORM_URLENCODED).content("userId=alice"))
            .andExpect(status().isCreated())
            .andExpect(header().string(HttpHeaders.LOCATION, "/sessions/alice"))
            .andExpect(jsonPath("$.userId").value("alice"))
            .andExpect(jsonPath("$.listeningAddress").value("http://127.0.0.1:8081/ws"))
            .andExpect(jsonPath("$.acked").value(false))
            .andExpect(jsonPath("$.sessionId").isNotEmpty())
            .andExpect(jsonPath("$.expiresAt").isString())
            .andReturn();

        JsonNode body = json.readTree(result.getResponse().getContentAsString());
        String key = body.get("listeningKey").asString();
        assertThat(key).hasSizeGreaterThanOrEqualTo(22); // 128 bits in base64url at the
                                                         // very least
        CreateSession create = (CreateSession) relay.received().get(0);
        assertThat(create.userId()).isEqualTo("alice");
        assertThat(create.sessionId()).isEqualTo(body.get("sessionId").asString());
        assertThat(create.gatewayId()).isEqualTo("gw-1");
        assertThat(create.deliveryPartition()).isEqualTo(3);
        assertThat(create.keyHash()).isEqualTo(ListeningKeys.hash(key)).doesNotContain(key);
        assertThat(count("created")).isEqualTo(before + 1);
    }

    @Test
    void jsonBodyCreatesASession() throws Exception {
        mvc.perform(post("/connect").contentType(MediaType.APPLICATION_JSON).content("{\"userId\":\"bob.b_1@x-y\"}"))
            .andExpect(status().isCreated())
            .andExpect(jsonPath("$.userId").value("bob.b_1@x-y"))
            .andExpect(jsonPath("$.listeningKey").isNotEmpty());
    }

    @Test
    void twoSessionsGetDifferentKeys() throws Exception {
        String first = connect("carol").get("listeningKey").asString();
        String second = connect("dave").get("listeningKey").asString();
        assertThat(first).isNotEqualTo(second);
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "   ", "ali ce", "bad/char", "ünicode", "semi;colon",
            "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" })
    void invalidUserIdIsRefusedInBothForms(String userId) throws Exception {
        mvc.perform(post("/connect").contentType(MediaType.APPLICATION_FORM_URLENCODED).param("userId", userId))
            .andExpect(status().isBadRequest())
            .andExpect(jsonPath("$.error").value(USER_ID_RULE_VIOLATION))
            .andExpect(jsonPath("$.message").isNotEmpty());
        mvc.perform(post("/connect").contentType(MediaType.APPLICATION_JSON)
            .content(json.writeValueAsString(java.util.Map.of("userId", userId))))
            .andExpect(status().isBadRequest())
            .andExpect(jsonPath("$.error").value(USER_ID_RULE_VIOLATION));
        assertThat(relay.received()).isEmpty();
    }

    @Test
    void sixtyFourCharactersIsTheLongestValidUserId() throws Exception {
        connect("a".repeat(64));
    }

    @ParameterizedTest
    @ValueSource(strings = { "{}", "{\"userId\":null}", "{\"userId\":", "[\"alice\"]", "{\"userId\":{\"a\":1}}",
            "{\"userId\":42}", "{\"userId\":true}", "" })
    void missingOrUnreadableJsonUserIdIsRefused(String body) throws Exception {
        mvc.perform(post("/connect").contentType(MediaType.APPLICATION_JSON).content(body))
            .andExpect(status().isBadRequest())
            .andExpect(jsonPath("$.error").value(USER_ID_RULE_VIOLATION));
        assertThat(relay.received()).isEmpty();
    }

    @Test
    void missingFormUserIdIsRefused() throws Exception {
        double before = count("invalid");
        mvc.perform(post("/connect").contentType(MediaType.APPLICATION_FORM_URLENCODED).content("name=alice"))
            .andExpect(status().isBadRequest())
            .andExpect(jsonPath("$.error").value(USER_ID_RULE_VIOLATION));
        assertThat(count("invalid")).isEqualTo(before + 1);
    }

    @Test
    void noBodyAtAllIsAMissingUserId() throws Exception {
        mvc.perform(post("/connect"))
            .andExpect(status().isBadRequest())
            .andExpect(jsonPath("$.error").value(USER_ID_RULE_VIOLATION));
    }

    @Test
    void otherBodyTypesAreUnsupported() throws Exception {
        mvc.perform(post("/connect").contentType(MediaType.TEXT_PLAIN).content("alice"))
            .andExpect(status().isUnsupportedMediaType())
            .andExpect(jsonPath("$.error").value("unsupported-media-type"))
            .andExpect(jsonPath("$.message").isNotEmpty());
        assertThat(relay.received()).isEmpty();
    }

    @Test
    void aSecondConnectForTheSameUserIsRefusedByTheRelay() throws Exception {
        connect("erin");
        double before = count("taken");

        mvc.perform(post("/connect").contentType(MediaType.APPLICATION_FORM_URLENCODED).content("userId=erin"))
            .andExpect(status().isConflict())
            .andExpect(jsonPath("$.error").value("user-id-taken"))
            .andExpect(jsonPath("$.message").isNotEmpty());
        // the relay decided: the service did send the second create, it did not check
        // first
        assertThat(relay.received()).hasSize(2);
        assertThat(count("taken")).isEqualTo(before + 1);
    }

    @Test
    void noLiveGatewayIs503() throws Exception {
        gateways.set();
        double before = count("no-gateway");

        mvc.perform(post("/connect").contentType(MediaType.APPLICATION_FORM_URLENCODED).content("userId=frank"))
            .andExpect(status().isServiceUnavailable())
            .andExpect(jsonPath("$.error").value("no-gateway-available"));
        assertThat(relay.received()).isEmpty();
        assertThat(count("no-gateway")).isEqualTo(before + 1);
    }

    @Test
    void aGatewayWithoutDeliveryPartitionsIsNotUsable() throws Exception {
        gateways.set(FakeGateways.gateway("gw-empty", 8089));

        mvc.perform(post("/connect").contentType(MediaType.APPLICATION_FORM_URLENCODED).content("userId=frank"))
            .andExpect(status().isServiceUnavailable())
            .andExpect(jsonPath("$.error").value("no-gateway-available"));
    }

    @Test
    void aRelayThatNeverDecidesIs503AndTheOrphanIsEnded() throws Exception {
        relay.silence();
        double before = count("timeout");

        mvc.perform(post("/connect").contentType(MediaType.APPLICATION_FORM_URLENCODED).content("userId=grace"))
            .andExpect(status().isServiceUnavailable())
            .andExpect(jsonPath("$.error").value("relay-unavailable"));

        List<SessionCommand> sent = relay.received();
        assertThat(sent).hasSize(2);
        assertThat(sent.get(0)).isInstanceOf(CreateSession.class);
        assertThat(sent.get(1)).isInstanceOf(EndSession.class);
        assertThat(sent.get(1).sessionId()).isEqualTo(sent.get(0).sessionId());
        assertThat(count("timeout")).isEqualTo(before + 1);
    }

    @Test
    void aViewStillLoadingIs503() throws Exception {
        relay.loading();

        mvc.perform(post("/connect").contentType(MediaType.APPLICATION_FORM_URLENCODED).content("userId=heidi"))
            .andExpect(status().isServiceUnavailable())
            .andExpect(jsonPath("$.error").value("relay-unavailable"));
        assertThat(relay.received()).isEmpty();
    }

    @Test
    void theLeastLoadedGatewayGetsTheSession() throws Exception {
        gateways.set(FakeGateways.gateway("gw-a", 8081, 0), FakeGateways.gateway("gw-b", 8082, 1));
        relay.add("ivan", "gw-a", "sha256:x", true);

        JsonNode first = connect("judy");
        JsonNode second = connect("mallory");

        assertThat(first.get("listeningAddress").asString()).isEqualTo("http://127.0.0.1:8082/ws");
        // now one each: the tie goes to the smaller gatewayId
        assertThat(second.get("listeningAddress").asString()).isEqualTo("http://127.0.0.1:8081/ws");
    }

    @Test
    void corsAnswersAllowedOrigins() throws Exception {
        mvc.perform(options("/connect").header(HttpHeaders.ORIGIN, "http://localhost:5173")
            .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST")
            .header(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS, "content-type"))
            .andExpect(status().isOk())
            .andExpect(header().string(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "http://localhost:5173"));
        mvc.perform(post("/connect").header(HttpHeaders.ORIGIN, "http://127.0.0.1:3000")
            .contentType(MediaType.APPLICATION_FORM_URLENCODED)
            .content("userId=niaj"))
            .andExpect(status().isCreated())
            .andExpect(header().string(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "http://127.0.0.1:3000"));
    }

    @Test
    void corsRefusesOtherOrigins() throws Exception {
        mvc.perform(options("/connect").header(HttpHeaders.ORIGIN, "https://evil.example")
            .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST"))
            .andExpect(status().isForbidden())
            .andExpect(header().doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN));
        mvc.perform(post("/connect").header(HttpHeaders.ORIGIN, "http://localhost.evil.example:80")
            .contentType(MediaType.APPLICATION_FORM_URLENCODED)
            .content("userId=olivia")).andExpect(status().isForbidden());
        assertThat(relay.received()).isEmpty();
    }

    private JsonNode connect(String userId) throws Exception {
        MvcResult result = mvc
            .perform(post("/connect").contentType(MediaType.APPLICATION_FORM_URLENCODED).param("userId", userId))
            .andExpect(status().isCreated())
            .andReturn();
        return json.readTree(result.getResponse().getContentAsString());
    }

    private double count(String outcome) {
        return meters.get("signaling.session.connect").tag("outcome", outcome).counter().count();
    }

}

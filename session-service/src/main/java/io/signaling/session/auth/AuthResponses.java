package io.signaling.session.auth;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.signaling.session.system.ErrorBody;
import io.signaling.session.system.ErrorCode;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.EnumMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import tools.jackson.databind.json.JsonMapper;

/**
 * The answers of the token check in the contract's JSON: {@code 401 unauthorized} with
 * {@code WWW-Authenticate: Bearer}, and {@code 503 identity-provider-unavailable} when
 * the keys could not be fetched (the token may well be good). Counts each in
 * {@code signaling.session.connect.auth{outcome}}. Neither the token nor the exception's
 * message is logged: only the exception's class.
 */
final class AuthResponses implements AuthenticationEntryPoint {

    private static final Logger log = LoggerFactory.getLogger(AuthResponses.class);

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /**
     * A JWK Set fetch is retried on the next request; a client should not hammer it
     * meanwhile.
     */
    static final String RETRY_AFTER_SECONDS = "5";

    enum Outcome {

        ACCEPTED("accepted"), MISSING("missing"), INVALID("invalid"), NOT_ALLOWED("user-id-not-allowed"),
        UNAVAILABLE("identity-provider-unavailable");

        private final String tag;

        Outcome(String tag) {
            this.tag = tag;
        }

    }

    private final Map<Outcome, Counter> outcomes = new EnumMap<>(Outcome.class);

    AuthResponses(MeterRegistry registry) {
        for (Outcome outcome : Outcome.values()) {
            outcomes.put(outcome,
                    Counter.builder("signaling.session.connect.auth")
                        .description("Identity-token checks on POST /connect by outcome")
                        .tag("outcome", outcome.tag)
                        .register(registry));
        }
    }

    void count(Outcome outcome) {
        outcomes.get(outcome).increment();
    }

    /** Spring Security's entry point: no token, or one that failed verification. */
    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
            throws IOException {
        if (failure instanceof AuthenticationServiceException) {
            unavailable(response, failure);
            return;
        }
        boolean presented = failure instanceof OAuth2AuthenticationException;
        count(presented ? Outcome.INVALID : Outcome.MISSING);
        String description = presented ? ((OAuth2AuthenticationException) failure).getError().getDescription() : null;
        String message = presented ? "the identity token is not valid" + (description == null ? "" : ": " + description)
                : "POST /connect needs an identity token: Authorization: Bearer <JWT>";
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, presented ? "Bearer error=\"invalid_token\"" : "Bearer");
        write(response, ErrorCode.UNAUTHORIZED, message);
    }

    /**
     * The JWK Set (or the issuer) did not answer: not the client's fault, so not a 401.
     */
    void unavailable(HttpServletResponse response, Exception failure) throws IOException {
        count(Outcome.UNAVAILABLE);
        log.warn("Identity provider unavailable (JWK Set or issuer not answering) on POST /connect: {}{}",
                failure.getClass().getSimpleName(),
                failure.getCause() == null ? "" : " / " + failure.getCause().getClass().getSimpleName());
        response.setHeader(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
        write(response, ErrorCode.IDENTITY_PROVIDER_UNAVAILABLE,
                "the identity provider's keys could not be fetched; try again shortly");
    }

    private static void write(HttpServletResponse response, ErrorCode code, String message) throws IOException {
        response.setStatus(code.status().value());
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        JSON.writeValue(response.getOutputStream(), new ErrorBody(code.code(), message));
    }

}

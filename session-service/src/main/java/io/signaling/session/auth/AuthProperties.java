package io.signaling.session.auth;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Identity tokens on {@code POST /connect} ({@code signaling.auth.jwt.*}, contract §6).
 * Set one of {@code hmac-secret-file}, {@code jwk-set-uri} or {@code issuer-uri}; with
 * none, {@code /connect} is open as in contract version 1.
 *
 * @param hmacSecretFile a file holding the shared secret of HS256/HS384/HS512 tokens (at
 * least 32 bytes; surrounding whitespace, such as a final newline, is not part of it)
 * @param jwkSetUri the JWK Set of an issuer's public keys (RS256/384/512, ES256/384/512,
 * PS256/384/512)
 * @param issuerUri OIDC issuers, each found through
 * {@code <issuer>/.well-known/openid-configuration}; a token's {@code iss} picks the one
 * whose keys verify it
 * @param issuer the {@code iss} every token must carry, with {@code hmac-secret-file} or
 * {@code jwk-set-uri}
 * @param audience when set, a token's {@code aud} must name one of these
 * @param userIdClaim the claim that is the userId
 * @param clockSkew leeway on {@code exp} and {@code nbf}, at most 60 s
 * @param timeout connect and read timeout of each request to the JWK Set or discovery URL
 */
@ConfigurationProperties("signaling.auth.jwt")
public record AuthProperties(Path hmacSecretFile, URI jwkSetUri, List<URI> issuerUri, String issuer,
        List<String> audience, @DefaultValue("sub") String userIdClaim, @DefaultValue("60s") Duration clockSkew,
        @DefaultValue("5s") Duration timeout) {

    static final Duration MAX_CLOCK_SKEW = Duration.ofSeconds(60);

    public AuthProperties {
        issuerUri = issuerUri == null ? List.of() : List.copyOf(issuerUri);
        audience = audience == null ? List.of() : List.copyOf(audience);
    }

    enum Mode {

        OPEN, HMAC, JWK_SET, ISSUERS

    }

    /** Which verification is configured; more than one is a start-up error. */
    Mode mode() {
        List<String> set = new ArrayList<>();
        if (hmacSecretFile != null) {
            set.add("hmac-secret-file");
        }
        if (jwkSetUri != null) {
            set.add("jwk-set-uri");
        }
        if (!issuerUri.isEmpty()) {
            set.add("issuer-uri");
        }
        if (set.size() > 1) {
            throw new AuthConfigurationException(
                    "signaling.auth.jwt sets " + String.join(" and ", set) + "; tokens are verified one way",
                    "keep exactly one of hmac-secret-file, jwk-set-uri, issuer-uri");
        }
        if (clockSkew.isNegative() || clockSkew.compareTo(MAX_CLOCK_SKEW) > 0) {
            throw new AuthConfigurationException(
                    "signaling.auth.jwt.clock-skew is " + clockSkew.toSeconds() + " s; at most 60 s is allowed",
                    "set signaling.auth.jwt.clock-skew between 0s and 60s");
        }
        if (!issuerUri.isEmpty() && issuer != null) {
            throw new AuthConfigurationException("signaling.auth.jwt.issuer is for hmac-secret-file and jwk-set-uri; "
                    + "with issuer-uri the issuers are those URIs", "remove signaling.auth.jwt.issuer");
        }
        return hmacSecretFile != null ? Mode.HMAC
                : jwkSetUri != null ? Mode.JWK_SET : issuerUri.isEmpty() ? Mode.OPEN : Mode.ISSUERS;
    }
}

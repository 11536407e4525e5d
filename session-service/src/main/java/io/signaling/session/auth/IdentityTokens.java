package io.signaling.session.auth;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableSecret;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.text.ParseException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.AuthenticationManagerResolver;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;
import org.springframework.security.oauth2.server.resource.authentication.JwtIssuerAuthenticationManagerResolver;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Builds, at start-up, what verifies the identity tokens of {@code POST /connect}: Spring
 * Security's Nimbus decoders, which cache each JWK Set, fetch it again for an unknown
 * {@code kid} (key rotation) and check signature, {@code exp}/{@code nbf}, {@code iss},
 * {@code aud}. Every JWK Set and discovery document is fetched once here, so an
 * unreachable one stops the start with a clear reason.
 *
 * <p>
 * With several issuers, the token's (unverified) {@code iss} picks that issuer's own
 * decoder, so a key is looked up by issuer and {@code kid} together: a key of one issuer
 * never verifies a token that names another (the cross-issuer confusion of Centrifugo
 * CVE-2026-49998).
 */
final class IdentityTokens {

    /**
     * Contract §6: RS256, ES256 and their longer variants; PS* are RSA too, as Keycloak
     * offers them.
     */
    static final Set<SignatureAlgorithm> PUBLIC_KEY_ALGORITHMS = Set.of(SignatureAlgorithm.RS256,
            SignatureAlgorithm.RS384, SignatureAlgorithm.RS512, SignatureAlgorithm.ES256, SignatureAlgorithm.ES384,
            SignatureAlgorithm.ES512, SignatureAlgorithm.PS256, SignatureAlgorithm.PS384, SignatureAlgorithm.PS512);
    static final Set<JWSAlgorithm> HMAC_ALGORITHMS = Set.of(JWSAlgorithm.HS256, JWSAlgorithm.HS384, JWSAlgorithm.HS512);

    /** RFC 7518 §3.2: an HMAC key is at least as long as the hash. */
    static final int MIN_SECRET_BYTES = 32;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final AuthProperties properties;

    private final RestTemplate http;

    IdentityTokens(AuthProperties properties) {
        this.properties = properties;
        SimpleClientHttpRequestFactory requests = new SimpleClientHttpRequestFactory();
        requests.setConnectTimeout(properties.timeout());
        requests.setReadTimeout(properties.timeout());
        this.http = new RestTemplate(requests);
    }

    /** One line for the start-up log: how tokens are verified (never the secret). */
    String describe() {
        String audience = properties.audience().isEmpty() ? "" : ", aud one of " + properties.audience();
        String issuer = properties.issuer() == null ? "" : ", iss " + properties.issuer();
        String claim = ", userId from claim '" + properties.userIdClaim() + "'";
        return switch (properties.mode()) {
            case OPEN -> "POST /connect is open: no identity token is checked";
            case HMAC -> "POST /connect requires a JWT signed with the HMAC secret in " + properties.hmacSecretFile()
                    + issuer + audience + claim;
            case JWK_SET ->
                "POST /connect requires a JWT signed by a key of " + properties.jwkSetUri() + issuer + audience + claim;
            case ISSUERS -> "POST /connect requires a JWT of " + properties.issuerUri() + audience + claim;
        };
    }

    AuthenticationManagerResolver<HttpServletRequest> resolver() {
        return switch (properties.mode()) {
            case OPEN -> throw new IllegalStateException("no identity tokens are configured");
            case HMAC -> single(hmacDecoder());
            case JWK_SET -> single(jwkSetDecoder(properties.jwkSetUri(), properties.issuer()));
            case ISSUERS -> {
                Map<String, AuthenticationManager> byIssuer = new LinkedHashMap<>();
                for (URI issuer : properties.issuerUri()) {
                    byIssuer.put(issuer.toString(), manager(jwkSetDecoder(discoverJwkSet(issuer), issuer.toString())));
                }
                yield new JwtIssuerAuthenticationManagerResolver(byIssuer::get);
            }
        };
    }

    private AuthenticationManagerResolver<HttpServletRequest> single(NimbusJwtDecoder decoder) {
        AuthenticationManager manager = manager(decoder);
        return request -> manager;
    }

    private AuthenticationManager manager(NimbusJwtDecoder decoder) {
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setPrincipalClaimName(properties.userIdClaim());
        JwtAuthenticationProvider provider = new JwtAuthenticationProvider(decoder);
        provider.setJwtAuthenticationConverter(converter);
        return new ProviderManager(provider);
    }

    private NimbusJwtDecoder hmacDecoder() {
        byte[] secret = readSecret();
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withSecretKey(new SecretKeySpec(secret, "HmacSHA256"))
            .jwtProcessorCustomizer(processor -> processor.setJWSKeySelector(
                    new JWSVerificationKeySelector<SecurityContext>(HMAC_ALGORITHMS, new ImmutableSecret<>(secret))))
            .build();
        decoder.setJwtValidator(validator(properties.issuer()));
        return decoder;
    }

    private byte[] readSecret() {
        try {
            byte[] secret = Files.readString(properties.hmacSecretFile(), StandardCharsets.UTF_8)
                .strip()
                .getBytes(StandardCharsets.UTF_8);
            if (secret.length < MIN_SECRET_BYTES) {
                throw new AuthConfigurationException(
                        "the HMAC secret in " + properties.hmacSecretFile() + " is " + secret.length
                                + " bytes; HS256 needs at least " + MIN_SECRET_BYTES,
                        "write a random secret of 32 bytes or more, e.g. openssl rand -base64 48 > "
                                + properties.hmacSecretFile());
            }
            return secret;
        }
        catch (IOException e) {
            throw new AuthConfigurationException("cannot read signaling.auth.jwt.hmac-secret-file "
                    + properties.hmacSecretFile() + " (" + e.getClass().getSimpleName() + ")",
                    "point it at a readable file that holds the secret");
        }
    }

    private NimbusJwtDecoder jwkSetDecoder(URI jwkSetUri, String issuer) {
        probeJwkSet(jwkSetUri);
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(jwkSetUri.toString())
            .jwsAlgorithms(algorithms -> algorithms.addAll(PUBLIC_KEY_ALGORITHMS))
            .restOperations(http)
            .build();
        decoder.setJwtValidator(validator(issuer));
        return decoder;
    }

    /**
     * exp (required) and nbf with the skew; iss and aud when configured; the userId claim
     * present.
     */
    private OAuth2TokenValidator<Jwt> validator(String issuer) {
        List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
        validators.add(new JwtTimestampValidator(properties.clockSkew()));
        validators.add(new JwtClaimValidator<Object>(JwtClaimNames.EXP, Objects::nonNull));
        validators.add(new JwtClaimValidator<Object>(properties.userIdClaim(),
                value -> value instanceof String s && !s.isBlank()));
        if (issuer != null) {
            validators.add(new JwtIssuerValidator(issuer));
        }
        if (!properties.audience().isEmpty()) {
            List<String> audiences = properties.audience();
            validators.add(new JwtClaimValidator<List<String>>(JwtClaimNames.AUD,
                    aud -> aud != null && aud.stream().anyMatch(audiences::contains)));
        }
        return new DelegatingOAuth2TokenValidator<>(validators);
    }

    private void probeJwkSet(URI jwkSetUri) {
        String body = fetch(jwkSetUri, "the JWK Set");
        try {
            if (JWKSet.parse(body).getKeys().isEmpty()) {
                throw new AuthConfigurationException("the JWK Set at " + jwkSetUri + " has no keys", "check the URL");
            }
        }
        catch (ParseException e) {
            throw new AuthConfigurationException(jwkSetUri + " did not answer with a JWK Set",
                    "check signaling.auth.jwt.jwk-set-uri");
        }
    }

    /**
     * OIDC discovery: the issuer's document must name that very issuer and a jwks_uri.
     */
    private URI discoverJwkSet(URI issuer) {
        URI document = URI.create(issuer.toString().replaceAll("/+$", "") + "/.well-known/openid-configuration");
        String body = fetch(document, "the OIDC discovery document");
        JsonNode configuration;
        try {
            configuration = JSON.readTree(body);
        }
        catch (RuntimeException e) {
            throw new AuthConfigurationException(document + " is not a JSON discovery document",
                    "check signaling.auth.jwt.issuer-uri");
        }
        String named = configuration.path("issuer").asString("");
        if (!named.equals(issuer.toString())) {
            throw new AuthConfigurationException(document + " names the issuer '" + named + "', not " + issuer,
                    "set signaling.auth.jwt.issuer-uri to exactly the issuer your tokens carry in iss");
        }
        String jwksUri = configuration.path("jwks_uri").asString("");
        if (jwksUri.isEmpty()) {
            throw new AuthConfigurationException(document + " has no jwks_uri", "check signaling.auth.jwt.issuer-uri");
        }
        return URI.create(jwksUri);
    }

    private String fetch(URI uri, String what) {
        try {
            String body = http.getForObject(uri, String.class);
            if (body == null) {
                throw new AuthConfigurationException(what + " at " + uri + " was empty", "check the URL");
            }
            return body;
        }
        catch (RestClientException e) {
            throw new AuthConfigurationException(
                    "cannot fetch " + what + " at " + uri + " within " + describe(properties.timeout()) + " ("
                            + e.getClass().getSimpleName() + ")",
                    "make sure the identity provider is up and reachable from this host, or fix the URL");
        }
    }

    private static String describe(Duration timeout) {
        return timeout.toMillis() % 1000 == 0 ? timeout.toSeconds() + " s" : timeout.toMillis() + " ms";
    }

}

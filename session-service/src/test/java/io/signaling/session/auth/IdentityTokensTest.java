package io.signaling.session.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.signaling.session.testing.IdentityProvider;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.io.UrlResource;
import org.springframework.core.io.support.PropertiesLoaderUtils;

/**
 * Start-up of the token check: an unreachable JWK Set or issuer, or settings that cannot
 * work, stop the service with one clear reason (Spring Boot's failure report, no stack
 * trace).
 */
class IdentityTokensTest {

    @TempDir
    Path temp;

    private static AuthProperties properties(Path secretFile, URI jwkSetUri, List<URI> issuers, Duration skew) {
        return new AuthProperties(secretFile, jwkSetUri, issuers, null, List.of(), "sub", skew, Duration.ofSeconds(2));
    }

    private static URI closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/jwks");
        }
    }

    @Test
    void anUnreachableJwkSetStopsTheStartWithAClearReason() throws IOException {
        URI nowhere = closedPort();
        assertThatThrownBy(
                () -> new IdentityTokens(properties(null, nowhere, List.of(), Duration.ofSeconds(60))).resolver())
            .isInstanceOf(AuthConfigurationException.class)
            .hasMessage("cannot fetch the JWK Set at " + nowhere + " within 2 s (ResourceAccessException)");
    }

    @Test
    void anUnreachableIssuerStopsTheStartWithAClearReason() throws IOException {
        URI issuer = URI.create(closedPort().toString().replace("/jwks", "/realms/app"));
        assertThatThrownBy(
                () -> new IdentityTokens(properties(null, null, List.of(issuer), Duration.ofSeconds(60))).resolver())
            .isInstanceOf(AuthConfigurationException.class)
            .hasMessageStartingWith(
                    "cannot fetch the OIDC discovery document at " + issuer + "/.well-known/openid-configuration");
    }

    @Test
    void aDiscoveryDocumentOfAnotherIssuerIsRefused() {
        try (IdentityProvider provider = new IdentityProvider()) {
            provider.publish("realm", IdentityProvider.rsaKey("k"));
            URI misspelt = URI.create(provider.issuer("realm") + "/");
            assertThatThrownBy(
                    () -> new IdentityTokens(properties(null, null, List.of(misspelt), Duration.ofSeconds(60)))
                        .resolver())
                .isInstanceOf(AuthConfigurationException.class)
                .hasMessageContaining("names the issuer '" + provider.issuer("realm") + "', not " + misspelt);
        }
    }

    @Test
    void aShortOrMissingSecretAndImpossibleSettingsAreStartUpErrors() throws IOException {
        Path shortSecret = Files.writeString(temp.resolve("short"), "too-short\n");
        assertThatThrownBy(
                () -> new IdentityTokens(properties(shortSecret, null, List.of(), Duration.ofSeconds(60))).resolver())
            .isInstanceOf(AuthConfigurationException.class)
            .hasMessageContaining("is 9 bytes; HS256 needs at least 32");
        Path missing = temp.resolve("missing");
        assertThatThrownBy(
                () -> new IdentityTokens(properties(missing, null, List.of(), Duration.ofSeconds(60))).resolver())
            .isInstanceOf(AuthConfigurationException.class)
            .hasMessageContaining("cannot read signaling.auth.jwt.hmac-secret-file");
        assertThatThrownBy(
                () -> properties(missing, URI.create("http://x/jwks"), List.of(), Duration.ofSeconds(60)).mode())
            .isInstanceOf(AuthConfigurationException.class)
            .hasMessageContaining("sets hmac-secret-file and jwk-set-uri");
        assertThatThrownBy(() -> properties(missing, null, List.of(), Duration.ofSeconds(61)).mode())
            .isInstanceOf(AuthConfigurationException.class)
            .hasMessageContaining("at most 60 s");
    }

    @Test
    void theFailureAnalyzerIsRegisteredAndReportsWhatToDo() throws IOException {
        List<String> registered = new ArrayList<>();
        for (URL factories : Collections.list(getClass().getClassLoader().getResources("META-INF/spring.factories"))) {
            registered.add(PropertiesLoaderUtils.loadProperties(new UrlResource(factories))
                .getProperty(FailureAnalyzer.class.getName(), ""));
        }
        assertThat(registered).anyMatch(names -> names.contains(AuthFailureAnalyzer.class.getName()));

        FailureAnalysis analysis = new AuthFailureAnalyzer().analyze(new IllegalStateException("wrapped",
                new AuthConfigurationException("cannot fetch the JWK Set at http://idp/jwks", "make sure it is up")));

        assertThat(analysis.getDescription())
            .isEqualTo("Identity tokens on POST /connect: cannot fetch the JWK Set at http://idp/jwks");
        assertThat(analysis.getAction()).isEqualTo("make sure it is up");
        assertThat(analysis.getCause()).isNull();
    }

}

package io.signaling.platform.launch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.signaling.platform.LaunchException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code --jwt-*}: passed to session-service as its {@code signaling.auth.jwt.*}
 * properties; none means open.
 */
class JwtOptionsTest {

    @TempDir
    Path tmp;

    private PlatformPlan plan(String... args) {
        PlatformCommand command = new PlatformCommand();
        new CommandLine(command).parseArgs(args);
        return command.plan(() -> 40001);
    }

    @Test
    void withoutJwtOptionsConnectIsOpenAndTheLauncherSaysSo() {
        PlatformPlan plan = plan("--data-dir", tmp.toString());

        assertThat(plan.sessionServiceArgs()).isEmpty();
        assertThat(plan.authLine())
            .isEqualTo("POST /connect is open: anyone can take any free userId (require a JWT with "
                    + "--jwt-hmac-secret-file, --jwt-jwk-set-uri or --jwt-issuer-uri)");
    }

    @Test
    void anHmacSecretFileIsPassedByItsAbsolutePathNeverItsContent() throws IOException {
        Path secret = Files.writeString(tmp.resolve("jwt.secret"), "s3cret-that-stays-in-the-file-and-out-of-argv\n");

        PlatformPlan plan = plan("--data-dir", tmp.toString(), "--jwt-hmac-secret-file", secret.toString(),
                "--jwt-audience", "signaling");

        assertThat(plan.sessionServiceArgs()).containsExactly(
                "--signaling.auth.jwt.hmac-secret-file=" + secret.toAbsolutePath(),
                "--signaling.auth.jwt.audience=signaling");
        assertThat(plan.authLine())
            .isEqualTo("POST /connect requires a JWT (hmac-secret-file " + secret.toAbsolutePath()
                    + ", audience signaling)")
            .doesNotContain("s3cret");
    }

    @Test
    void aJwkSetOrAnIssuerIsPassedAsItsUrl() {
        assertThat(plan("--data-dir", tmp.toString(), "--jwt-jwk-set-uri", "https://idp.example/jwks")
            .sessionServiceArgs()).containsExactly("--signaling.auth.jwt.jwk-set-uri=https://idp.example/jwks");
        assertThat(plan("--data-dir", tmp.toString(), "--jwt-issuer-uri", "https://kc.example/realms/app")
            .sessionServiceArgs()).containsExactly("--signaling.auth.jwt.issuer-uri=https://kc.example/realms/app");
    }

    @Test
    void twoSourcesAMissingSecretFileOrAnAudienceAloneAreRefused() {
        assertThatThrownBy(() -> plan("--jwt-jwk-set-uri", "https://a/jwks", "--jwt-issuer-uri", "https://b"))
            .isInstanceOf(CommandLine.ParameterException.class)
            .hasMessageContaining("mutually exclusive");
        Path missing = tmp.resolve("missing.secret");
        assertThatThrownBy(() -> plan("--data-dir", tmp.toString(), "--jwt-hmac-secret-file", missing.toString()))
            .isInstanceOf(LaunchException.class)
            .hasMessage("--jwt-hmac-secret-file " + missing + " is not a readable file");
        assertThatThrownBy(() -> plan("--data-dir", tmp.toString(), "--jwt-audience", "signaling"))
            .isInstanceOf(LaunchException.class)
            .hasMessageContaining("--jwt-audience needs one of");
    }

}

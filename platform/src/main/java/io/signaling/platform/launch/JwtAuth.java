package io.signaling.platform.launch;

import io.signaling.platform.LaunchException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How session-service checks identity tokens on {@code POST /connect} (contract §6), from
 * {@code --jwt-hmac-secret-file}, {@code --jwt-jwk-set-uri} or {@code --jwt-issuer-uri}
 * and {@code --jwt-audience}: the same as its {@code signaling.auth.jwt.*} properties.
 * Empty: open.
 *
 * @param property the session-service property the source sets, e.g.
 * {@code hmac-secret-file}
 * @param value its value (a path made absolute, or a URL)
 * @param audience the {@code aud} tokens must carry, or null
 */
record JwtAuth(String property, String value, String audience) {

    static final String OPEN = "POST /connect is open: anyone can take any free userId (require a JWT with "
            + "--jwt-hmac-secret-file, --jwt-jwk-set-uri or --jwt-issuer-uri)";

    /**
     * From the options; a secret file that cannot be read is a launch error, before
     * anything starts.
     */
    static Optional<JwtAuth> of(Path hmacSecretFile, String jwkSetUri, String issuerUri, String audience) {
        if (hmacSecretFile != null) {
            Path file = hmacSecretFile.toAbsolutePath().normalize();
            if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
                throw new LaunchException("--jwt-hmac-secret-file " + file + " is not a readable file");
            }
            return Optional.of(new JwtAuth("hmac-secret-file", file.toString(), audience));
        }
        if (jwkSetUri != null) {
            return Optional.of(new JwtAuth("jwk-set-uri", jwkSetUri, audience));
        }
        if (issuerUri != null) {
            return Optional.of(new JwtAuth("issuer-uri", issuerUri, audience));
        }
        if (audience != null) {
            throw new LaunchException(
                    "--jwt-audience needs one of --jwt-hmac-secret-file, --jwt-jwk-set-uri, --jwt-issuer-uri");
        }
        return Optional.empty();
    }

    List<String> sessionServiceArgs() {
        List<String> args = new ArrayList<>();
        args.add("--signaling.auth.jwt." + property + "=" + value);
        if (audience != null) {
            args.add("--signaling.auth.jwt.audience=" + audience);
        }
        return args;
    }

    /** The launcher's line at start; names the secret's file, never the secret. */
    String describe() {
        return "POST /connect requires a JWT (" + property + " " + value
                + (audience == null ? "" : ", audience " + audience) + ")";
    }
}

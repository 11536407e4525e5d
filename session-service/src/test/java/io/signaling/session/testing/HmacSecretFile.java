package io.signaling.session.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A secret file for {@code signaling.auth.jwt.hmac-secret-file}: turns identity tokens on
 * in a slice test.
 */
public final class HmacSecretFile {

    private HmacSecretFile() {
    }

    public static String create() {
        try {
            Path file = Files.createTempFile("jwt-hmac", ".secret");
            Files.writeString(file, "a-secret-only-this-test-knows-0123456789abcdef\n");
            file.toFile().deleteOnExit();
            return file.toString();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

}

package io.signaling.session.ice;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Time-limited TURN credentials in coturn's REST form ({@code use-auth-secret}): the
 * username is {@code <expiry unix seconds>:<userId>}, the password
 * base64(HMAC-SHA1(secret, username)). coturn checks both without asking us, and refuses
 * them after the expiry.
 */
record TurnCredentials(String username, String credential, Instant expiresAt) {

    static TurnCredentials issue(String secret, String userId, Instant expiresAt) {
        String username = expiresAt.getEpochSecond() + ":" + userId;
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            byte[] digest = mac.doFinal(username.getBytes(StandardCharsets.UTF_8));
            return new TurnCredentials(username, Base64.getEncoder().encodeToString(digest), expiresAt);
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is required by every Java platform", e);
        }
    }
}

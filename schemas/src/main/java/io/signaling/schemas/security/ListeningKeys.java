package io.signaling.schemas.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Listening keys are 256-bit secrets shown to the client once. Only their SHA-256 hash
 * ever reaches Kafka. A fast hash is enough here: the key has full entropy, so there is
 * nothing to brute-force that a slow password hash would protect.
 */
public final class ListeningKeys {

    private static final SecureRandom RANDOM = new SecureRandom();

    private static final Base64.Encoder URL_SAFE = Base64.getUrlEncoder().withoutPadding();

    private ListeningKeys() {
    }

    /**
     * A fresh key: 32 bytes from {@link SecureRandom}, URL-safe base64 (43 characters).
     */
    public static String generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return URL_SAFE.encodeToString(bytes);
    }

    /** The form stored in Kafka: {@code sha256:} followed by the base64url digest. */
    public static String hash(String key) {
        return "sha256:" + URL_SAFE.encodeToString(digest(key));
    }

    /**
     * Constant-time comparison of a presented key with a stored hash; false for null
     * input.
     */
    public static boolean matches(String presentedKey, String storedHash) {
        if (presentedKey == null || storedHash == null) {
            return false;
        }
        byte[] presented = hash(presentedKey).getBytes(StandardCharsets.US_ASCII);
        byte[] stored = storedHash.getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(presented, stored);
    }

    private static byte[] digest(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

}

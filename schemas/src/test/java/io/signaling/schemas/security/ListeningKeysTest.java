package io.signaling.schemas.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The listening key is the session's only credential: unguessable, shown once, stored
 * only as a hash.
 */
class ListeningKeysTest {

    @Test
    void keyIsAtLeast128RandomBitsInUrlSafeBase64() {
        String key = ListeningKeys.generate();

        assertThat(key).matches("[A-Za-z0-9_-]{43}");
        assertThat(Base64.getUrlDecoder().decode(key)).hasSize(32);
        assertThat(Base64.getUrlDecoder().decode(key).length * 8).isGreaterThanOrEqualTo(128);
    }

    @Test
    void keysAreDistinct() {
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            keys.add(ListeningKeys.generate());
        }

        assertThat(keys).hasSize(10_000);
    }

    @Test
    void hashNeverContainsTheKey() {
        for (int i = 0; i < 100; i++) {
            String key = ListeningKeys.generate();
            String hash = ListeningKeys.hash(key);

            assertThat(hash).doesNotContain(key).doesNotContain(key.substring(0, 16));
        }
    }

    @Test
    void hashFormatIsStable() {
        // Hashes live in the sessions log for its whole retention: a new format would
        // lock out every live session.
        // SHA-256("abc") is the FIPS 180-2 test vector ba7816bf...f20015ad, here in
        // base64url.
        assertThat(ListeningKeys.hash("abc")).isEqualTo("sha256:ungWv48Bz-pBQUDeXa4iI7ADYaOWF3qctBD_YfIAFa0");
        assertThat(ListeningKeys.hash(ListeningKeys.generate())).matches("sha256:[A-Za-z0-9_-]{43}");
        String key = ListeningKeys.generate();
        assertThat(ListeningKeys.hash(key)).isEqualTo(ListeningKeys.hash(key));
    }

    @Test
    void matchesOnlyTheKeyOfTheHash() {
        String key = ListeningKeys.generate();
        String hash = ListeningKeys.hash(key);

        assertThat(ListeningKeys.matches(key, hash)).isTrue();
        assertThat(ListeningKeys.matches(ListeningKeys.generate(), hash)).isFalse();
        assertThat(ListeningKeys.matches(key.substring(1), hash)).isFalse();
        assertThat(ListeningKeys.matches(key + " ", hash)).isFalse();
        assertThat(ListeningKeys.matches("", hash)).isFalse();
        // Whoever reads the log holds hashes: presenting one, or a key where a hash
        // belongs, is no key.
        assertThat(ListeningKeys.matches(hash, hash)).isFalse();
        assertThat(ListeningKeys.matches(key, key)).isFalse();
    }

    @Test
    void nullNeverMatches() {
        String key = ListeningKeys.generate();

        assertThat(ListeningKeys.matches(null, ListeningKeys.hash(key))).isFalse();
        assertThat(ListeningKeys.matches(key, null)).isFalse();
        assertThat(ListeningKeys.matches(null, null)).isFalse();
    }

}

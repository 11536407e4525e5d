package io.signaling.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The contract's rule (signaling-v1 §1): 1 to 64 characters from
 * {@code A-Z a-z 0-9 . _ @ -}.
 */
class UserIdsTest {

    private static final String SIXTY_FOUR = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaZ9._@-Z9._@-Z9._@-Z9._@-Z9._@-xy";

    @ParameterizedTest
    @ValueSource(strings = { "a", "alice", "Bob", "0", "alice.smith", "alice_smith", "alice@example.com", "alice-2",
            "A.b_c@d-e.0", "...", "@", "-", SIXTY_FOUR })
    void accepts(String userId) {
        assertThat(UserIds.isValid(userId)).isTrue();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = { " ", "   ", "al ice", " alice", "alice ", "alice\n", "\talice", "alice!", "alice+bob",
            "alice/bob", "alice:bob", "alice#1", "a,b", "\"alice\"", "<alice>", "alicé", "ålice", "алиса",
            "alice\u0000", "😀", SIXTY_FOUR + "a" })
    void refuses(String userId) {
        assertThat(UserIds.isValid(userId)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(ints = { 1, 63, 64 })
    void acceptsUpTo64Characters(int length) {
        assertThat(UserIds.isValid("u".repeat(length))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(ints = { 65, 100, 1000 })
    void refusesMoreThan64Characters(int length) {
        assertThat(UserIds.isValid("u".repeat(length))).isFalse();
    }

}

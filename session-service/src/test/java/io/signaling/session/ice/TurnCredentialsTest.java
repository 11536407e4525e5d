package io.signaling.session.ice;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class TurnCredentialsTest {

    @Test
    void followsCoturnsRestScheme() {
        TurnCredentials turn = TurnCredentials.issue("north", "alice", Instant.ofEpochSecond(1_700_000_000L));

        assertThat(turn.username()).isEqualTo("1700000000:alice");
        // base64(HMAC-SHA1("north", "1700000000:alice")), computed independently with
        // Python's hmac module
        assertThat(turn.credential()).isEqualTo("Cd/49soE35ICqcJF/bCTn8Z4OyE=");
    }

}

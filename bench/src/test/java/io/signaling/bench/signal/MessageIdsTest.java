package io.signaling.bench.signal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MessageIdsTest {

    @Test
    void anIdCarriesItsSequenceAndSendTime() {
        String id = MessageIds.of('r', 42, 1712345678901234L);

        assertThat(id).isEqualTo("r42.1712345678901234").hasSizeLessThanOrEqualTo(64);
        assertThat(MessageIds.seq(id)).isEqualTo(42);
        assertThat(MessageIds.sentMicros(id)).isEqualTo(1712345678901234L);
    }

    @Test
    void foreignIdsReadAsMinusOne() {
        assertThat(MessageIds.seq(null)).isEqualTo(-1);
        assertThat(MessageIds.seq("6f2a0c3e-5f4b")).isEqualTo(-1);
        assertThat(MessageIds.seq("r.5")).isEqualTo(-1);
        assertThat(MessageIds.sentMicros("rx1.y")).isEqualTo(-1);
    }

}

package io.signaling.gateway.frame;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MessageAssemblerTest {

    @Test
    void aMessageInOnePartPassesThroughAsItIs() {
        MessageAssembler assembler = new MessageAssembler(10);
        String message = "0123456789";

        assertThat(assembler.append(message, true)).isSameAs(message);
        assertThat(assembler.truncated()).isFalse();
    }

    @Test
    void partsAreJoinedAndNothingIsReturnedBeforeTheLast() {
        MessageAssembler assembler = new MessageAssembler(100);

        assertThat(assembler.append("{\"to\":", false)).isNull();
        assertThat(assembler.append("\"bob\",", false)).isNull();
        assertThat(assembler.append("\"content\":1}", true)).isEqualTo("{\"to\":\"bob\",\"content\":1}");
        assertThat(assembler.truncated()).isFalse();
    }

    @Test
    void aLongerMessageIsCutToTheLimitAndSaysSo() {
        MessageAssembler assembler = new MessageAssembler(8);

        assertThat(assembler.append("abcdef", false)).isNull();
        assertThat(assembler.append("ghijkl", false)).isNull();
        assertThat(assembler.append("mnop", true)).isEqualTo("abcdefgh");
        assertThat(assembler.truncated()).isTrue();
    }

    @Test
    void aSingleOversizedPartIsCutToo() {
        MessageAssembler assembler = new MessageAssembler(4);

        assertThat(assembler.append("abcdefgh", true)).isEqualTo("abcd");
        assertThat(assembler.truncated()).isTrue();
    }

    @Test
    void theNextMessageStartsAfresh() {
        MessageAssembler assembler = new MessageAssembler(4);
        assembler.append("abcdefgh", true);

        assertThat(assembler.append("xy", false)).isNull();
        assertThat(assembler.append("z", true)).isEqualTo("xyz");
        assertThat(assembler.truncated()).isFalse();
    }

}

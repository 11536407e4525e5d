package io.signaling.sockjs.peer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class InboxTest {

    @Test
    void awaitFrameReturnsTheFirstMatchingFrameThatArrivesWhileWaiting() {
        Inbox inbox = new Inbox();
        inbox.message("{\"type\":\"ack\",\"id\":\"a\"}");
        CompletableFuture.delayedExecutor(200, TimeUnit.MILLISECONDS)
            .execute(() -> inbox.message("{\"type\":\"signal\",\"from\":\"bob\",\"content\":{\"n\":1}}"));

        long start = System.nanoTime();
        var frame = inbox.awaitFrame(f -> "signal".equals(f.path("type").asString()), Duration.ofSeconds(10));

        assertThat(frame.path("from").asString()).isEqualTo("bob");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("woken by the arrival, not the deadline")
            .isLessThan(Duration.ofSeconds(5));
        assertThat(inbox.count("ack")).isEqualTo(1);
        assertThat(inbox.framesOfType("signal")).hasSize(1);
        assertThat(inbox.arrivals()).extracting(Inbox.Arrival::nanos).isSorted();
    }

    @Test
    void aFrameThatNeverComesFailsNamingTheTypesThatCameButNotTheirContent() {
        Inbox inbox = new Inbox();
        inbox.message("{\"type\":\"signal\",\"from\":\"bob\",\"content\":{\"sdp\":\"secret-sdp\"}}");

        assertThatThrownBy(() -> inbox.awaitFrame(f -> "ack".equals(f.path("type").asString()), Duration.ofMillis(200)))
            .isInstanceOf(AssertionError.class)
            .hasMessageContaining("[signal]")
            .hasMessageNotContaining("secret-sdp");
    }

    @Test
    void theFirstCloseWinsAndAnUnopenedSessionFailsItsOpen() {
        Inbox inbox = new Inbox();
        inbox.closed(4403, "gateway-full");
        inbox.closed(1000, "");

        assertThat(inbox.closeStatus()).isEqualTo(new Inbox.Closed(4403, "gateway-full"));
        assertThat(inbox.awaitClose(Duration.ofSeconds(1))).isEqualTo(new Inbox.Closed(4403, "gateway-full"));
        assertThat(inbox.isOpen()).isFalse();
        assertThatThrownBy(() -> inbox.awaitOpen(Duration.ofSeconds(1))).isInstanceOf(CompletionException.class)
            .hasMessageContaining("4403");
    }

    @Test
    void anOpenSessionIsOpenUntilItCloses() {
        Inbox inbox = new Inbox();
        assertThat(inbox.isOpen()).isFalse();
        inbox.opened();
        assertThat(inbox.isOpen()).isTrue();
        assertThatThrownBy(() -> inbox.awaitClose(Duration.ofMillis(100))).isInstanceOf(CompletionException.class);
        assertThat(inbox.isOpen()).as("a timed-out wait does not close it").isTrue();
        inbox.closed(1000, "bye");
        assertThat(inbox.isOpen()).isFalse();
    }

    @Test
    void aMessageThatIsNotJsonIsRefusedAndNotRecorded() {
        Inbox inbox = new Inbox();

        assertThatThrownBy(() -> inbox.message("{not json")).isInstanceOf(IllegalArgumentException.class);
        assertThat(inbox.frames()).isEmpty();
    }

}

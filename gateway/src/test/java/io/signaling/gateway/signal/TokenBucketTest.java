package io.signaling.gateway.signal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TokenBucketTest {

    private final FakeNanos clock = new FakeNanos();

    @Test
    void allowsTheBurstAtOnceThenRefuses() {
        TokenBucket bucket = new TokenBucket(200, 1000, clock);

        assertThat(IntStream.range(0, 1000).filter(i -> bucket.tryAcquire()).count()).isEqualTo(1000);
        assertThat(bucket.tryAcquire()).isFalse();
    }

    @Test
    void refillsAtTheConfiguredRate() {
        TokenBucket bucket = new TokenBucket(200, 1000, clock);
        IntStream.range(0, 1000).forEach(i -> bucket.tryAcquire());

        clock.advance(Duration.ofMillis(50)); // 200/s: 10 tokens

        assertThat(IntStream.range(0, 20).filter(i -> bucket.tryAcquire()).count()).isEqualTo(10);
    }

    @Test
    void refillsFractionsOverTime() {
        TokenBucket bucket = new TokenBucket(200, 1, clock);
        assertThat(bucket.tryAcquire()).isTrue();

        clock.advance(Duration.ofMillis(3)); // 0.6 token
        assertThat(bucket.tryAcquire()).isFalse();
        clock.advance(Duration.ofMillis(2)); // 1.0 token
        assertThat(bucket.tryAcquire()).isTrue();
    }

    @Test
    void neverHoldsMoreThanTheBurst() {
        TokenBucket bucket = new TokenBucket(200, 5, clock);

        clock.advance(Duration.ofHours(1));

        assertThat(IntStream.range(0, 10).filter(i -> bucket.tryAcquire()).count()).isEqualTo(5);
    }

    @Test
    void aWallClockStepDoesNotMatter() {
        // The bucket reads only the monotonic source: nothing here moves it, whatever the
        // wall clock does.
        TokenBucket bucket = new TokenBucket(200, 2, clock);
        assertThat(bucket.tryAcquire()).isTrue();
        assertThat(bucket.tryAcquire()).isTrue();

        assertThat(bucket.tryAcquire()).isFalse();
    }

    @Test
    void sustainsTheRateIndefinitely() {
        TokenBucket bucket = new TokenBucket(200, 1000, clock);
        IntStream.range(0, 1000).forEach(i -> bucket.tryAcquire());
        long accepted = 0;
        for (int second = 0; second < 10; second++) {
            for (int i = 0; i < 1000; i++) {
                clock.advance(Duration.ofMillis(1));
                accepted += bucket.tryAcquire() ? 1 : 0;
            }
        }
        assertThat(accepted).isBetween(1999L, 2001L);
    }

}

package io.signaling.bench.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class AsyncLimiterTest {

    @Test
    void startsAQueuedTaskOnlyWhenAnEarlierOneCompletes() {
        AsyncLimiter limiter = new AsyncLimiter(2);
        List<CompletableFuture<String>> started = new ArrayList<>();
        List<CompletableFuture<String>> results = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            results.add(limiter.submit(() -> {
                CompletableFuture<String> task = new CompletableFuture<>();
                started.add(task);
                return task;
            }));
        }
        assertThat(started).hasSize(2);
        assertThat(limiter.inFlight()).isEqualTo(2);

        started.get(0).complete("first");

        assertThat(results.get(0)).isCompletedWithValue("first");
        assertThat(started).hasSize(3);
        started.get(1).completeExceptionally(new IllegalStateException("refused"));
        assertThat(results.get(1)).isCompletedExceptionally();
        assertThat(started).hasSize(4);
        started.get(2).complete("c");
        started.get(3).complete("d");
        assertThat(limiter.inFlight()).isZero();
    }

    @Test
    void aLongChainOfTasksFailingAtOnceDoesNotNestCalls() {
        AsyncLimiter limiter = new AsyncLimiter(1);
        CompletableFuture<String> gate = new CompletableFuture<>();
        limiter.submit(() -> gate);
        List<CompletableFuture<Object>> failing = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            failing.add(limiter.submit(() -> {
                throw new IllegalStateException("no");
            }));
        }

        gate.complete("go");

        assertThat(failing).allMatch(CompletableFuture::isCompletedExceptionally);
        assertThat(limiter.inFlight()).isZero();
    }

}

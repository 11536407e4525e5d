package io.signaling.session.view;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * Futures waiting for a value under a key; several may wait on one key (two DELETEs of
 * one session). A future leaves the map however it completes, so a request that timed out
 * leaks nothing: the gauge {@code signaling.session.waiting} (tag {@code for}) counts the
 * keys waited on, and returns to zero once the requests are answered.
 */
final class Waiters<K, V> {

    static final String GAUGE = "signaling.session.waiting";

    private final Map<K, Set<Waiter<V>>> byKey = new ConcurrentHashMap<>();

    /** {@code what}: the tag {@code for} of the gauge, what the requests wait for. */
    Waiters(MeterRegistry meters, String what) {
        Gauge.builder(GAUGE, byKey, Map::size)
            .description("Requests waiting for the relay: for a decision on their command (decision), or for "
                    + "their session's row in this service's view (session-row); grows while the relay is slow")
            .tag("for", what)
            .register(meters);
    }

    CompletableFuture<V> register(K key, Predicate<V> condition) {
        Waiter<V> waiter = new Waiter<>(condition, new CompletableFuture<>());
        byKey.compute(key, (k, set) -> {
            Set<Waiter<V>> waiters = set == null ? ConcurrentHashMap.newKeySet() : set;
            waiters.add(waiter);
            return waiters;
        });
        waiter.future().whenComplete((value, error) -> byKey.computeIfPresent(key, (k, set) -> {
            set.remove(waiter);
            return set.isEmpty() ? null : set;
        }));
        return waiter.future();
    }

    /** The keys waited on now. */
    Set<K> keys() {
        return Set.copyOf(byKey.keySet());
    }

    void offer(K key, V value) {
        Set<Waiter<V>> waiters = byKey.get(key);
        if (waiters == null) {
            return;
        }
        for (Waiter<V> waiter : waiters) {
            if (waiter.condition().test(value)) {
                waiter.future().complete(value);
            }
        }
    }

    private record Waiter<V>(Predicate<V> condition, CompletableFuture<V> future) {
    }

}

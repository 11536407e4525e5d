package io.signaling.session.view;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * Futures waiting for a value under a key; several may wait on one key (two DELETEs of one session).
 * A future leaves the map however it completes, so a request that timed out leaks nothing.
 */
final class Waiters<K, V> {

    private final Map<K, Set<Waiter<V>>> byKey = new ConcurrentHashMap<>();

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

    /** Keys someone is still waiting on; lets tests prove that nothing leaks. */
    int pendingKeys() {
        return byKey.size();
    }

    private record Waiter<V>(Predicate<V> condition, CompletableFuture<V> future) {
    }
}

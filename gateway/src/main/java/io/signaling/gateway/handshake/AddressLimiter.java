package io.signaling.gateway.handshake;

import io.signaling.gateway.signal.TokenBucket;
import io.signaling.gateway.config.GatewayProperties;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Handshakes per client address ({@code signaling.gateway.handshake-rate.*}): a token
 * bucket per address, for a bounded number of addresses (the least recently seen is
 * forgotten first, so a spray of addresses costs memory it cannot grow). The address is
 * the one Tomcat reports: behind a proxy, configure Tomcat's remote-IP handling so that
 * it is the client's (docs/operations.md).
 */
final class AddressLimiter {

    private final double perSecond;

    private final double burst;

    private final LongSupplier nanoTime;

    private final Map<String, TokenBucket> buckets;

    AddressLimiter(GatewayProperties.HandshakeRate rate, LongSupplier nanoTime) {
        this.perSecond = rate.perSecond();
        this.burst = rate.burst();
        this.nanoTime = nanoTime;
        int addresses = rate.addresses();
        this.buckets = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, TokenBucket> eldest) {
                return size() > addresses;
            }
        };
    }

    /**
     * Takes a token for one handshake from {@code address}; false when it is over its
     * rate.
     */
    boolean tryAcquire(String address) {
        TokenBucket bucket;
        synchronized (buckets) {
            bucket = buckets.computeIfAbsent(address == null ? "" : address,
                    key -> new TokenBucket(perSecond, burst, nanoTime));
        }
        return bucket.tryAcquire();
    }

}

package io.signaling.session.connect;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.signaling.session.system.RateLimitedException;
import io.signaling.session.system.RequestLimits;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.function.LongSupplier;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * {@code POST /connect} per client address: a token bucket each ({@link RequestLimits.ConnectRate}),
 * {@code 429 rate-limited} with {@code Retry-After} when it is empty. The address is the request's
 * remote address: the proxy's own unless {@code server.forward-headers-strategy} is set (docs/security.md).
 * Buckets live in a bounded cache: an untouched bucket is dropped once it would be full again (it
 * is then no different from a new one), and past {@code maxAddresses} the least recently used go.
 */
@Component
class ConnectRateLimit implements HandlerInterceptor {

    private final RequestLimits.ConnectRate rate;
    private final LongSupplier nanoTime;
    private final Counter limited;
    private final Cache<String, TokenBucket> buckets;

    @Autowired
    ConnectRateLimit(RequestLimits limits, MeterRegistry meters) {
        this(limits.connectRate(), System::nanoTime, meters);
    }

    ConnectRateLimit(RequestLimits.ConnectRate rate, LongSupplier nanoTime, MeterRegistry meters) {
        this.rate = rate;
        this.nanoTime = nanoTime;
        // the same meter as ConnectMetrics' outcome "rate-limited"
        this.limited = Counter.builder("signaling.session.connect").description("POST /connect answers by outcome")
                .tag("outcome", "rate-limited").register(meters);
        Ticker ticker = nanoTime::getAsLong;
        this.buckets = Caffeine.newBuilder()
                .maximumSize(rate.maxAddresses())
                .expireAfterAccess(rate.refill())
                .ticker(ticker)
                .executor(Runnable::run)
                .build();
        Gauge.builder("signaling.session.connect.rate-limit.addresses", buckets, Cache::estimatedSize)
                .description("Client addresses with a /connect rate-limit bucket").register(meters);
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!"POST".equals(request.getMethod())) {
            return true;
        }
        long now = nanoTime.getAsLong();
        long wait = buckets.get(key(request.getRemoteAddr()), address -> new TokenBucket(rate.perSecond(), rate.burst(), now))
                .take(now);
        if (wait > 0) {
            limited.increment();
            throw new RateLimitedException("too many /connect from this address; at most " + rate.perSecond()
                    + " a second, bursts of " + rate.burst(), Duration.ofNanos(wait));
        }
        return true;
    }

    /** The address, or for IPv6 its /64: one subscriber usually has a whole /64, and many addresses in it. */
    static String key(String remoteAddress) {
        if (remoteAddress == null || remoteAddress.indexOf(':') < 0) {
            return String.valueOf(remoteAddress);
        }
        try {
            byte[] bytes = InetAddress.getByName(remoteAddress).getAddress(); // a literal: no lookup
            if (bytes.length != 16) {
                return remoteAddress;
            }
            StringBuilder prefix = new StringBuilder();
            for (int i = 0; i < 8; i += 2) {
                prefix.append(Integer.toHexString(((bytes[i] & 0xff) << 8) | (bytes[i + 1] & 0xff))).append(':');
            }
            return prefix.append(":/64").toString();
        }
        catch (UnknownHostException e) {
            return remoteAddress;
        }
    }
}

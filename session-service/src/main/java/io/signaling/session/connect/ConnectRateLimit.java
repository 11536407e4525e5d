package io.signaling.session.connect;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.signaling.session.system.ApiCors;
import io.signaling.session.system.CorsProperties;
import io.signaling.session.system.ErrorCode;
import io.signaling.session.system.ErrorResponses;
import io.signaling.session.system.FilterOrder;
import io.signaling.session.system.RequestLimits;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.function.LongSupplier;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * {@code POST /connect} per client address: a token bucket each
 * ({@link RequestLimits.ConnectRate}), {@code 429 rate-limited} with {@code Retry-After}
 * when it is empty. The address is the request's remote address: the proxy's own unless
 * {@code server.forward-headers-strategy} is set (docs/security.md). Buckets live in a
 * bounded cache: an untouched bucket is dropped once it would be full again (it is then
 * no different from a new one), and past {@code maxAddresses} the least recently used go.
 *
 * <p>
 * A servlet filter ordered before Spring Security's chain ({@link FilterOrder}): a flood
 * from one address is refused for the price of a bucket lookup, never of a token's
 * signature check. Its answer carries the CORS headers a page on an allowed origin needs
 * to read it.
 */
@Component
@Order(FilterOrder.RATE_LIMIT)
class ConnectRateLimit extends OncePerRequestFilter {

    private final RequestLimits.ConnectRate rate;

    private final ApiCors cors;

    private final LongSupplier nanoTime;

    private final Counter limited;

    private final Cache<String, TokenBucket> buckets;

    @Autowired
    ConnectRateLimit(RequestLimits limits, CorsProperties cors, MeterRegistry meters) {
        this(limits.connectRate(), new ApiCors(cors), System::nanoTime, meters);
    }

    ConnectRateLimit(RequestLimits.ConnectRate rate, ApiCors cors, LongSupplier nanoTime, MeterRegistry meters) {
        this.rate = rate;
        this.cors = cors;
        this.nanoTime = nanoTime;
        // the same meter as ConnectMetrics' outcome "rate-limited"
        this.limited = Counter.builder("signaling.session.connect")
            .description("POST /connect answers by outcome")
            .tag("outcome", "rate-limited")
            .register(meters);
        Ticker ticker = nanoTime::getAsLong;
        this.buckets = Caffeine.newBuilder()
            .maximumSize(rate.maxAddresses())
            .expireAfterAccess(rate.refill())
            .ticker(ticker)
            .executor(Runnable::run)
            .build();
        Gauge.builder("signaling.session.connect.rate-limit.addresses", buckets, Cache::estimatedSize)
            .description("Client addresses with a /connect rate-limit bucket")
            .register(meters);
    }

    /**
     * Only {@code POST /connect}, the one request that creates something; its preflight
     * is not counted.
     */
    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !ConnectAdmission.isConnect(request);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long now = nanoTime.getAsLong();
        long wait = buckets
            .get(key(request.getRemoteAddr()), address -> new TokenBucket(rate.perSecond(), rate.burst(), now))
            .take(now);
        if (wait <= 0) {
            chain.doFilter(request, response);
            return;
        }
        limited.increment();
        cors.allowReading(request, response);
        ErrorResponses.retryAfter(response, Duration.ofNanos(wait));
        ErrorResponses.write(response, ErrorCode.RATE_LIMITED, "too many /connect from this address; at most "
                + rate.perSecond() + " a second, bursts of " + rate.burst());
    }

    /**
     * The address, or for IPv6 its /64: one subscriber usually has a whole /64, and many
     * addresses in it.
     */
    static String key(String remoteAddress) {
        if (remoteAddress == null || remoteAddress.indexOf(':') < 0) {
            return String.valueOf(remoteAddress);
        }
        try {
            byte[] bytes = InetAddress.getByName(remoteAddress).getAddress(); // a
                                                                              // literal:
                                                                              // no lookup
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

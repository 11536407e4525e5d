package io.signaling.session.system;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * What one client may ask of this service ({@code signaling.session.limits.*}), contract
 * §1.
 *
 * @param maxBodySize the largest request body read; a larger one is answered
 * {@code 413 request-too-large} before it is read (by its {@code Content-Length}, or once
 * a chunked body passes it)
 * @param connectRate {@code POST /connect} per client address
 */
@ConfigurationProperties("signaling.session.limits")
public record RequestLimits(@DefaultValue("4KB") DataSize maxBodySize, @DefaultValue ConnectRate connectRate) {

    /**
     * A token bucket per client address: {@code perSecond} tokens a second, at most
     * {@code burst} saved up; a {@code /connect} without a token is answered
     * {@code 429 rate-limited} with {@code Retry-After}. At most {@code maxAddresses}
     * buckets are kept (the least recently used go first), so many addresses cannot grow
     * memory without limit; IPv6 addresses share a bucket per /64, the block one
     * subscriber usually gets. How the address is found behind a proxy: docs/security.md.
     */
    public record ConnectRate(@DefaultValue("20") double perSecond, @DefaultValue("100") int burst,
            @DefaultValue("100000") int maxAddresses) {

        public ConnectRate {
            if (perSecond <= 0 || burst < 1 || maxAddresses < 1) {
                throw new IllegalArgumentException("signaling.session.limits.connect-rate.* must be positive");
            }
        }

        /**
         * How long an untouched bucket takes to fill up: after that it is no different
         * from a new one.
         */
        public Duration refill() {
            return Duration.ofNanos((long) Math.ceil(burst / perSecond * 1e9));
        }
    }
}

package io.signaling.session.connect;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.signaling.session.system.ApiCors;
import io.signaling.session.system.CorsProperties;
import io.signaling.session.system.RequestLimits;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * The buckets behind the limit: refill by a monotonic clock, IPv6 per /64, memory
 * bounded.
 */
class ConnectRateLimitTest {

    private final AtomicLong now = new AtomicLong(TimeUnit.HOURS.toNanos(1));

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    private final ApiCors cors = new ApiCors(new CorsProperties(List.of("http://localhost:*")));

    @Test
    void anEmptyBucketRefillsAtTheRateAndSaysWhenToComeBack() throws Exception {
        ConnectRateLimit limit = new ConnectRateLimit(new RequestLimits.ConnectRate(20, 100, 1000), cors, now::get,
                meters);
        for (int i = 0; i < 100; i++) {
            assertThat(filter(limit, "192.0.2.1").getStatus()).isEqualTo(200);
        }

        MockHttpServletResponse refused = filter(limit, "192.0.2.1");
        assertThat(refused.getStatus()).isEqualTo(429);
        assertThat(refused.getHeader("Retry-After")).isEqualTo("1");
        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(50)); // 20/s: one token
        assertThat(filter(limit, "192.0.2.1").getStatus()).isEqualTo(200);
        assertThat(meters.get("signaling.session.connect").tag("outcome", "rate-limited").counter().count())
            .isEqualTo(1);
    }

    @Test
    void ipv6AddressesOfOneSlash64ShareABucket() {
        assertThat(ConnectRateLimit.key("2001:db8:1:2:aaaa::1")).isEqualTo(ConnectRateLimit.key("2001:db8:1:2:ffff::9"))
            .isNotEqualTo(ConnectRateLimit.key("2001:db8:1:3::1"));
        assertThat(ConnectRateLimit.key("192.0.2.1")).isEqualTo("192.0.2.1");
    }

    @Test
    void manyAddressesKeepAtMostMaxAddressesBuckets() throws Exception {
        ConnectRateLimit limit = new ConnectRateLimit(new RequestLimits.ConnectRate(20, 100, 100), cors, now::get,
                meters);

        for (int i = 0; i < 10_000; i++) {
            filter(limit, "10." + (i >> 16 & 0xff) + "." + (i >> 8 & 0xff) + "." + (i & 0xff));
        }

        assertThat(meters.get("signaling.session.connect.rate-limit.addresses").gauge().value())
            .isLessThanOrEqualTo(100);
    }

    private static MockHttpServletResponse filter(ConnectRateLimit limit, String address) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/connect");
        request.setRemoteAddr(address);
        MockHttpServletResponse response = new MockHttpServletResponse();
        limit.doFilter(request, response, new MockFilterChain());
        return response;
    }

}

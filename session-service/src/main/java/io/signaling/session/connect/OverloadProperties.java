package io.signaling.session.connect;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * When {@code POST /connect} is answered {@code 503 overloaded}
 * ({@code signaling.session.overload.*}), contract §1: the platform is shedding load,
 * nothing was created.
 *
 * @param maxPending {@code /connect} requests being answered at once (token check, the
 * relay's decision, the view); one more is refused. Each holds a Tomcat thread (200 by
 * default) for up to the decision timeout, so this keeps threads for everything else
 * @param retryAfter what {@code Retry-After} says: about one gateway heartbeat, after
 * which a gateway's load has been announced again
 */
@ConfigurationProperties("signaling.session.overload")
public record OverloadProperties(@DefaultValue("128") int maxPending, @DefaultValue("2s") Duration retryAfter) {

    public OverloadProperties {
        if (maxPending < 1 || retryAfter.isNegative() || retryAfter.isZero()) {
            throw new IllegalArgumentException("signaling.session.overload.* must be positive");
        }
    }
}

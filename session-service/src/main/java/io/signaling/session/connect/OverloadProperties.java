package io.signaling.session.connect;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * When {@code POST /connect} is answered {@code 503 overloaded} ({@code signaling.session.overload.*}),
 * contract §1: the platform is shedding load, nothing was created.
 *
 * @param maxPending         {@code /connect} requests being answered at once (token check, the relay's decision, the
 *                           view); one more is refused. Each holds a Tomcat thread (200 by default) for up to the
 *                           decision timeout, so this keeps threads for everything else
 * @param maxDecisionLatency the smoothed time the relay takes to decide a create, above which new requests are
 *                           refused; it clears at half of it, or after a second without decisions (nothing queued).
 *                           The relay decides creates on the same stream thread that routes signals: a slow decision
 *                           is a relay behind on signals too
 * @param retryAfter         what {@code Retry-After} says: about one gateway heartbeat, after which a gateway's
 *                           load has been announced again
 */
@ConfigurationProperties("signaling.session.overload")
public record OverloadProperties(
        @DefaultValue("128") int maxPending,
        @DefaultValue("1s") Duration maxDecisionLatency,
        @DefaultValue("2s") Duration retryAfter) {

    public OverloadProperties {
        if (maxPending < 1 || maxDecisionLatency.isNegative() || maxDecisionLatency.isZero() || retryAfter.isNegative()
                || retryAfter.isZero()) {
            throw new IllegalArgumentException("signaling.session.overload.* must be positive");
        }
    }
}

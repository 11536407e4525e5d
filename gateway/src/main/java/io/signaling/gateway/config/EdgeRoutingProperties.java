package io.signaling.gateway.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Edge routing (docs/architecture.md): a signal whose recipient is acked, and whose pair
 * has nothing left in the relay, is written by this gateway straight to the recipient's
 * gateway, skipping the signals topic and the relay.
 *
 * @param enabled off: every signal goes through the relay, as before edge routing
 * @param settleWait how long a sender's next signals wait for the relay to answer the
 * pair's signals it still has, before going direct; past it they go through the relay
 * (docs/architecture.md, "Edge routing")
 */
@ConfigurationProperties("signaling.gateway.edge-routing")
public record EdgeRoutingProperties(@DefaultValue("true") boolean enabled, @DefaultValue("250ms") Duration settleWait) {
}

package io.signaling.session.system;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the session API ({@code signaling.session.*}).
 *
 * @param gatewayTimeout a gateway whose last heartbeat is older than this (by the
 * injected clock) gets no new sessions
 * @param decisionTimeout how long one request waits for the relay: the command's append,
 * the relay's outcome and the new row in this service's view, together; past it the
 * answer is {@code 503 relay-unavailable}
 */
@ConfigurationProperties("signaling.session")
public record SessionProperties(@DefaultValue("10s") Duration gatewayTimeout,
        @DefaultValue("5s") Duration decisionTimeout) {
}

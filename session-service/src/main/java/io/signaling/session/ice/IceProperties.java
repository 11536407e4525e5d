package io.signaling.session.ice;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * STUN/TURN servers handed to clients ({@code signaling.ice.*}). Nothing by default: we
 * never point browsers at a third party's STUN server unasked.
 *
 * @param stunUrls e.g. {@code stun:turn.example.com:3478}
 * @param turnUrls e.g. {@code turn:turn.example.com:3478?transport=udp}
 * @param turnSecret coturn's {@code static-auth-secret} ({@code use-auth-secret}); TURN
 * is offered only with it
 * @param credentialTtl how long a TURN credential is valid
 */
@ConfigurationProperties("signaling.ice")
public record IceProperties(@DefaultValue List<String> stunUrls, @DefaultValue List<String> turnUrls, String turnSecret,
        @DefaultValue("1h") Duration credentialTtl) {

    boolean offersTurn() {
        return !turnUrls.isEmpty() && turnSecret != null && !turnSecret.isBlank();
    }
}

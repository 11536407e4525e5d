package io.signaling.gateway.handshake;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.signaling.gateway.frame.CloseCodes.Refusal;
import io.signaling.gateway.config.GatewayProperties;
import io.signaling.schemas.UserIds;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.util.MultiValueMap;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;

/**
 * Authenticates {@code ?userId=…&token=…} when a SockJS session opens (signaling-v1 §2).
 * A refusal is HTTP 403 for the websocket transport; the HTTP transports cannot carry a
 * status through the SockJS client, so the session opens and the handler closes it at
 * once with {@code c[4403,"<reason>"]}. The token is never logged.
 *
 * <p>
 * Before anything else, a client address over its handshake rate is refused without a
 * look at the view: HTTP 429 with {@code Retry-After} on the websocket transport,
 * {@code c[4429,"rate-limited"]} on the HTTP ones.
 */
@Component
public class AuthHandshakeInterceptor implements HandshakeInterceptor {

    private static final Logger log = LoggerFactory.getLogger(AuthHandshakeInterceptor.class);

    private final HandshakeAuthenticator authenticator;

    private final AddressLimiter addresses;

    private final Counter rateLimited;

    AuthHandshakeInterceptor(HandshakeAuthenticator authenticator, GatewayProperties properties, MeterRegistry meters) {
        this.authenticator = authenticator;
        this.addresses = new AddressLimiter(properties.handshakeRate(), System::nanoTime);
        this.rateLimited = Counter.builder("signaling.gateway.handshakes.rate-limited")
            .description("Handshakes refused because their client address was over signaling.gateway.handshake-rate")
            .register(meters);
    }

    @Override
    public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
            Map<String, Object> attributes) {
        boolean websocket = request.getURI().getPath().endsWith("/websocket");
        if (!addresses.tryAcquire(addressOf(request))) {
            rateLimited.increment();
            if (websocket) {
                response.setStatusCode(HttpStatus.TOO_MANY_REQUESTS);
                response.getHeaders().set("Retry-After", "1");
                return false;
            }
            attributes.put(HandshakeAttributes.REFUSAL, Refusal.RATE_LIMITED);
            return true;
        }
        MultiValueMap<String, String> query = UriComponentsBuilder.fromUri(request.getURI()).build().getQueryParams();
        String userId = decoded(query.getFirst("userId"));
        HandshakeDecision decision = authenticator.decide(userId, decoded(query.getFirst("token")));
        if (decision.accepted()) {
            attributes.put(HandshakeAttributes.ADMISSION, decision.admission());
            return true;
        }
        Refusal refusal = decision.refusal();
        log.info("Refused a connection for {}: {}", UserIds.isValid(userId) ? userId : "<invalid userId>",
                refusal.reason());
        if (websocket) {
            response.setStatusCode(HttpStatus.FORBIDDEN);
            return false;
        }
        attributes.put(HandshakeAttributes.REFUSAL, refusal);
        return true;
    }

    @Override
    public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
            Exception exception) {
    }

    private static String addressOf(ServerHttpRequest request) {
        InetSocketAddress remote = request.getRemoteAddress();
        return remote == null || remote.getAddress() == null ? null : remote.getAddress().getHostAddress();
    }

    private static String decoded(String raw) {
        return raw == null ? null : UriUtils.decode(raw, StandardCharsets.UTF_8);
    }

}

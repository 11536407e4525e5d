package io.signaling.gateway.system;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code signaling.cors.*} (signaling-v1 §4): origins whose pages may open SockJS
 * connections.
 *
 * @param allowedOriginPatterns Spring origin patterns, e.g.
 * {@code https://*.example.com}, {@code http://localhost:*}
 */
@ConfigurationProperties("signaling.cors")
public record CorsProperties(@DefaultValue( {
        "http://localhost:*", "http://127.0.0.1:*" }) List<String> allowedOriginPatterns){
}

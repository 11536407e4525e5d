package io.signaling.session.system;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Browser origins allowed to call the API ({@code signaling.cors.*}), contract §4.
 *
 * @param allowedOriginPatterns Spring origin patterns ({@code http://localhost:*});
 * anything else is refused
 */
@ConfigurationProperties("signaling.cors")
public record CorsProperties(@DefaultValue( {
        "http://localhost:*", "http://127.0.0.1:*" }) List<String> allowedOriginPatterns){
}

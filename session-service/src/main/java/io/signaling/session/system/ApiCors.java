package io.signaling.session.system;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.web.cors.CorsConfiguration;

/**
 * The API's CORS rules (contract §4), in one place for Spring MVC
 * ({@code CorsConfiguration} of this package) and for the filters that answer before MVC
 * runs (a 429 or 503 refused at the door must be readable by a page on an allowed origin,
 * {@code Retry-After} included).
 */
public final class ApiCors {

    static final List<String> METHODS = List.of("GET", "POST", "DELETE", "OPTIONS");

    /**
     * A page reads Location after a 201, WWW-Authenticate after a 401, Retry-After after
     * a 429 or 503.
     */
    static final List<String> EXPOSED_HEADERS = List.of(HttpHeaders.LOCATION, HttpHeaders.WWW_AUTHENTICATE,
            HttpHeaders.RETRY_AFTER);
    static final long MAX_AGE_SECONDS = 3600;

    private final CorsConfiguration configuration = new CorsConfiguration();

    public ApiCors(CorsProperties cors) {
        configuration.setAllowedOriginPatterns(cors.allowedOriginPatterns());
        configuration.setAllowedMethods(METHODS);
        configuration.addAllowedHeader(CorsConfiguration.ALL);
        configuration.setExposedHeaders(EXPOSED_HEADERS);
        configuration.setMaxAge(MAX_AGE_SECONDS);
    }

    /**
     * The response headers that let a page on an allowed origin read an answer written
     * outside Spring MVC; nothing for a request without {@code Origin} or from another
     * origin (the browser then hides the answer, as MVC's CORS handling would).
     */
    public void allowReading(HttpServletRequest request, HttpServletResponse response) {
        String origin = request.getHeader(HttpHeaders.ORIGIN);
        if (origin == null) {
            return;
        }
        response.addHeader(HttpHeaders.VARY, HttpHeaders.ORIGIN);
        String allowed = configuration.checkOrigin(origin);
        if (allowed != null) {
            response.setHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, allowed);
            response.setHeader(HttpHeaders.ACCESS_CONTROL_EXPOSE_HEADERS, String.join(", ", EXPOSED_HEADERS));
        }
    }

}

package io.signaling.gateway.system;

import java.util.List;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The SockJS iframe page ({@code /ws/iframe*.html}) that the iframe transports load.
 * Spring's SockJS service refuses it (404) as soon as allowed origins are configured,
 * because it cannot check who embeds the frame. The contract keeps every transport on and
 * CORS restricted, so we serve the page ourselves and let the browser do the check:
 * {@code frame-ancestors} lists the allowed origin patterns. The frame is harmless
 * elsewhere anyway: a connection needs the listening key, never a cookie. Annotated
 * controllers map before the SockJS handler, so this wins.
 */
@RestController
class SockJsIframePage {

    private static final String PAGE = """
            <!DOCTYPE html>
            <html>
            <head>
            \t<meta http-equiv="X-UA-Compatible" content="IE=edge" />
            \t<meta http-equiv="Content-Type" content="text/html; charset=UTF-8" />
            \t<title>SockJS iframe</title>
            \t<script>
            \t\tdocument.domain = document.domain;
            \t\t_sockjs_onload = function(){SockJS.bootstrap_iframe();};
            \t</script>
            \t<script src="%s"></script>
            </head>
            <body>
            \t<h2>Don't panic!</h2>
            \t<p>This is a SockJS hidden iframe. It's used for cross domain magic.</p>
            </body>
            </html>""";

    private final String page;

    private final String frameAncestors;

    SockJsIframePage(CorsProperties cors) {
        this.page = PAGE.formatted(WebSocketConfiguration.SOCKJS_CLIENT_PATH);
        this.frameAncestors = frameAncestors(cors.allowedOriginPatterns());
    }

    static String frameAncestors(List<String> allowedOriginPatterns) {
        return "frame-ancestors 'self' " + String.join(" ", allowedOriginPatterns);
    }

    @GetMapping("/ws/{page:iframe[0-9\\-.a-z_]*\\.html}")
    ResponseEntity<String> iframe() {
        return ResponseEntity.ok()
            .contentType(new MediaType(MediaType.TEXT_HTML, java.nio.charset.StandardCharsets.UTF_8))
            .cacheControl(CacheControl.maxAge(java.time.Duration.ofDays(365)).cachePublic())
            .header("Content-Security-Policy", frameAncestors)
            .body(page);
    }

}

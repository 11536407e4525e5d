package io.signaling.gateway.handshake;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.signaling.schemas.security.ListeningKeys;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.util.MultiValueMap;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;

/**
 * Guards the SockJS HTTP transports' requests
 * ({@code /ws/<server>/<session>/<transport>}) before Spring's SockJS service sees them
 * (signaling-v1 §2):
 * <ul>
 * <li>a request of an open session whose {@code ?userId=…&token=…} does not match the
 * session's is refused with 403 (the key hash compared in constant time; the token never
 * logged);</li>
 * <li>a request body over {@code max-http-body} is refused with 413 before it is read: at
 * once when its Content-Length says so, else (chunked) once that many bytes came in. A
 * body within the limit and without a length is read here, at most the limit, and handed
 * on.</li>
 * </ul>
 */
public final class HttpTransportGuard extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(HttpTransportGuard.class);

    private static final Set<String> HTTP_TRANSPORTS = Set.of("xhr", "xhr_send", "xhr_streaming", "eventsource",
            "htmlfile", "jsonp", "jsonp_send");

    private final String prefix;

    private final HttpTransportSessions sessions;

    private final long maxBody;

    private final Counter forbidden;

    private final Counter tooLarge;

    public HttpTransportGuard(String sockJsPath, HttpTransportSessions sessions, long maxBody, MeterRegistry meters) {
        this.prefix = sockJsPath + "/";
        this.sessions = sessions;
        this.maxBody = maxBody;
        this.forbidden = Counter.builder("signaling.gateway.http-transport.refused")
            .description("SockJS HTTP-transport requests refused")
            .tag("why", "credentials")
            .register(meters);
        this.tooLarge = Counter.builder("signaling.gateway.http-transport.refused")
            .description("SockJS HTTP-transport requests refused")
            .tag("why", "body-too-large")
            .register(meters);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        String[] parts = path.startsWith(prefix) ? path.substring(prefix.length()).split("/", -1) : new String[0];
        if (parts.length == 3 && HTTP_TRANSPORTS.contains(parts[2]) && !credentialsMatch(request, parts[1])) {
            forbidden.increment();
            response.sendError(HttpServletResponse.SC_FORBIDDEN);
            return;
        }
        long length = request.getContentLengthLong();
        if (length > maxBody) {
            refuseTooLarge(response);
            return;
        }
        if (length < 0 && hasBody(request)) {
            byte[] body = readAtMost(request.getInputStream(), maxBody);
            if (body == null) {
                refuseTooLarge(response);
                return;
            }
            chain.doFilter(new BufferedBody(request, body), response);
            return;
        }
        chain.doFilter(request, response);
    }

    /**
     * True unless the session is one of ours and the request's userId or token is not its
     * own.
     */
    private boolean credentialsMatch(HttpServletRequest request, String sockJsSessionId) {
        Admission admission = sessions.find(sockJsSessionId);
        if (admission == null) {
            return true; // not (or no longer) open here: SockJS answers 404, or the
                         // refusal's close frame
        }
        // From the raw query: getParameter would read a form body, of any size.
        MultiValueMap<String, String> query = UriComponentsBuilder.newInstance()
            .query(request.getQueryString())
            .build()
            .getQueryParams();
        String userId = decoded(query.getFirst("userId"));
        String token = decoded(query.getFirst("token"));
        boolean matches = admission.userId().equals(userId) && token != null
                && ListeningKeys.matches(token, admission.keyHash());
        if (!matches) {
            log.info(
                    "Refused an HTTP-transport request for the connection of {}: userId or listening key does not match",
                    admission.userId());
        }
        return matches;
    }

    private void refuseTooLarge(HttpServletResponse response) throws IOException {
        tooLarge.increment();
        response.setHeader("Connection", "close"); // Tomcat then stops reading the rest
                                                   // instead of swallowing it
        response.sendError(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, "request body over " + maxBody + " bytes");
    }

    private static boolean hasBody(HttpServletRequest request) {
        return request.getHeader("Transfer-Encoding") != null;
    }

    /**
     * The whole stream if it holds at most {@code limit} bytes, else null (having read
     * {@code limit + 1}).
     */
    private static byte[] readAtMost(InputStream in, long limit) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        long total = 0;
        int read;
        while ((read = in.read(buffer)) >= 0) {
            total += read;
            if (total > limit) {
                return null;
            }
            body.write(buffer, 0, read);
        }
        return body.toByteArray();
    }

    private static String decoded(String raw) {
        return raw == null ? null : UriUtils.decode(raw, StandardCharsets.UTF_8);
    }

    /** A request whose body was read by the guard, handed on from memory. */
    private static final class BufferedBody extends HttpServletRequestWrapper {

        private final byte[] body;

        BufferedBody(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("the body was read already");
                }

                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }
            };
        }

    }

}

package io.signaling.session.system;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * No request body over {@code signaling.session.limits.max-body-size} (4 KiB) is read:
 * one that says it is larger ({@code Content-Length}) is answered
 * {@code 413 request-too-large} at once; a chunked one is read into a buffer of that size
 * and answered 413 as soon as it passes it. Either way the connection is closed rather
 * than the rest read. The largest legitimate body, a {@code /connect} with a 64-character
 * userId, is under 100 bytes. First of all filters, before anything parses a body.
 */
@Component
@Order(FilterOrder.BODY_LIMIT)
@EnableConfigurationProperties(RequestLimits.class)
class BodyLimitFilter extends OncePerRequestFilter {

    private final int maxBytes;

    private final Counter refused;

    BodyLimitFilter(RequestLimits limits, MeterRegistry meters) {
        this.maxBytes = Math.toIntExact(limits.maxBodySize().toBytes());
        this.refused = Counter.builder("signaling.session.requests.too-large")
            .description("Requests refused 413 because their body was over the limit")
            .register(meters);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long length = request.getContentLengthLong();
        if (length > maxBytes) {
            refuse(response);
            return;
        }
        if (length < 0 && request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null) {
            byte[] body = readAtMost(request.getInputStream(), maxBytes + 1);
            if (body.length > maxBytes) {
                refuse(response);
                return;
            }
            chain.doFilter(new BufferedBodyRequest(request, body), response);
            return;
        }
        chain.doFilter(request, response);
    }

    private static byte[] readAtMost(InputStream in, int max) throws IOException {
        return in.readNBytes(max);
    }

    private void refuse(HttpServletResponse response) throws IOException {
        refused.increment();
        // What is left of the body is not read: the connection cannot carry another
        // request.
        response.setHeader(HttpHeaders.CONNECTION, "close");
        ErrorResponses.write(response, ErrorCode.REQUEST_TOO_LARGE, "the request body is over " + maxBytes + " bytes");
    }

}

package io.signaling.session.system;

import org.springframework.core.Ordered;

/**
 * The order in which a request is admitted, cheapest refusal first, all before Spring
 * Security's chain ({@code spring.security.filter.order}, -100), so that a flood of
 * requests costs no JWT signature check and no JWK Set fetch: body size (413), then the
 * client address's rate (429), then the platform's load (503 {@code overloaded}), then
 * the identity token (401/403), then the request.
 */
public final class FilterOrder {

    /** {@code BodyLimitFilter}: nothing reads a body before it. */
    public static final int BODY_LIMIT = Ordered.HIGHEST_PRECEDENCE;

    /**
     * {@code ConnectRateLimit}: per client address, before anything that costs more than
     * a bucket lookup.
     */
    public static final int RATE_LIMIT = Ordered.HIGHEST_PRECEDENCE + 10;

    /** {@code ConnectAdmission}: the platform's load, before the token is verified. */
    public static final int OVERLOAD = Ordered.HIGHEST_PRECEDENCE + 20;

    private FilterOrder() {
    }

}

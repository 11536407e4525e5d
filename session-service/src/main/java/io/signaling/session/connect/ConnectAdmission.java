package io.signaling.session.connect;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.signaling.schemas.gateway.GatewayHeartbeat;
import io.signaling.session.gateways.GatewayRegistry;
import io.signaling.session.system.ApiCors;
import io.signaling.session.system.CorsProperties;
import io.signaling.session.system.ErrorCode;
import io.signaling.session.system.ErrorResponses;
import io.signaling.session.system.FilterOrder;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Semaphore;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The one place that says whether {@code POST /connect} is taken now or answered
 * {@code 503
 * overloaded} with {@code Retry-After} (contract §1: the platform is shedding load;
 * nothing was created). It watches two things, each cheap to read:
 *
 * <ul>
 * <li>the gateways' own load, announced in their heartbeats: when every live gateway that
 * has room refused messages {@code overloaded} since its previous beat, a new session
 * would only add signals to a path that is already refusing them. The gateways see the
 * whole signal path (their producer's acks, and the age of what the relay delivers), so a
 * relay or broker behind shows here too. (A full gateway is the picker's business:
 * {@code no-gateway-available}.)</li>
 * <li>requests being answered at once ({@code max-pending}): each holds a Tomcat thread
 * until the relay has decided, up to the decision timeout, so a relay that decides slowly
 * fills them.</li>
 * </ul>
 *
 * Not the relay's decision time itself: right after a start its first decisions take
 * seconds (its code compiling, its stores opening) while nothing is overloaded, and
 * refusing then would turn every fresh platform away.
 *
 * A servlet filter after the per-address limit and before Spring Security's chain
 * ({@link FilterOrder}): under overload, a token is not even verified.
 */
@Component
@Order(FilterOrder.OVERLOAD)
@EnableConfigurationProperties(OverloadProperties.class)
public class ConnectAdmission extends OncePerRequestFilter {

    private final GatewayRegistry gateways;

    private final ApiCors cors;

    private final Semaphore pending;

    private final Duration retryAfter;

    private final Counter overloaded;

    @Autowired
    ConnectAdmission(GatewayRegistry gateways, OverloadProperties properties, CorsProperties cors,
            MeterRegistry meters) {
        this(gateways, properties, new ApiCors(cors), meters);
    }

    ConnectAdmission(GatewayRegistry gateways, OverloadProperties properties, ApiCors cors, MeterRegistry meters) {
        this.gateways = gateways;
        this.cors = cors;
        this.pending = new Semaphore(properties.maxPending());
        this.retryAfter = properties.retryAfter();
        // the same meter as ConnectMetrics' outcome "overloaded"
        this.overloaded = Counter.builder("signaling.session.connect")
            .description("POST /connect answers by outcome")
            .tag("outcome", "overloaded")
            .register(meters);
        Gauge
            .builder("signaling.session.connect.pending", pending,
                    permits -> properties.maxPending() - permits.availablePermits())
            .description("POST /connect being answered now (signaling.session.overload.max-pending at most)")
            .register(meters);
    }

    /** {@code POST /connect}, the one request this service admits or refuses for load. */
    static boolean isConnect(HttpServletRequest request) {
        return "POST".equals(request.getMethod())
                && "/connect".equals(request.getRequestURI().substring(request.getContextPath().length()));
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !isConnect(request);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String refusal = refusal();
        if (refusal == null && !pending.tryAcquire()) {
            refusal = "too many /connect are being answered at once";
        }
        if (refusal != null) {
            overloaded.increment();
            cors.allowReading(request, response);
            ErrorResponses.retryAfter(response, retryAfter);
            ErrorResponses.write(response, ErrorCode.OVERLOADED,
                    "the platform is shedding load: " + refusal + "; nothing was created, try again later");
            return;
        }
        try {
            chain.doFilter(request, response);
        }
        finally {
            pending.release();
        }
    }

    /** Why a {@code /connect} now would be refused, or null. */
    String refusal() {
        List<GatewayHeartbeat> live = gateways.live();
        List<GatewayHeartbeat> withRoom = live.stream().filter(gateway -> !GatewayPicker.full(gateway, 0)).toList();
        if (!withRoom.isEmpty() && withRoom.stream().allMatch(GatewayHeartbeat::overloaded)) {
            return "every gateway is refusing messages";
        }
        return null;
    }

}

package io.signaling.system;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One platform (a relay, a session service, one gateway on an embedded KRaft broker)
 * shared by the attack, lost-connection and transport test classes of one test run:
 * starting it is most of such a class's time, and every attack is followed by its own
 * check that bystanders are unharmed. Closed when the run ends (the root store closes
 * it). Every setting is the shipped default but three, lowered so that detection fits in
 * a test: pings every second with a 2 s pong timeout, a 5 s write-stall limit. A test
 * class gets it as a {@link Platform} parameter with
 * {@code @ExtendWith(AttackPlatform.Resolver.class)}.
 */
final class AttackPlatform implements AutoCloseable {

    static final Duration PING_INTERVAL = Duration.ofSeconds(1);
    static final Duration PONG_TIMEOUT = Duration.ofSeconds(2);
    static final Duration SEND_TIME_LIMIT = Duration.ofSeconds(5);

    static final Map<String, Object> SETTINGS = Map.of("signaling.gateway.ping-interval",
            PING_INTERVAL.toMillis() + "ms", "signaling.gateway.pong-timeout", PONG_TIMEOUT.toMillis() + "ms",
            "signaling.gateway.send-time-limit", SEND_TIME_LIMIT.toMillis() + "ms");

    private final EmbeddedPlatform embedded;

    private AttackPlatform(EmbeddedPlatform embedded) {
        this.embedded = embedded;
    }

    /** Resolves {@link Platform} parameters to the run's shared attack platform. */
    static final class Resolver implements ParameterResolver {

        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
            return parameter.getParameter().getType() == Platform.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
            return get(context);
        }

    }

    /** The run's shared platform, started on first use. */
    static Platform get(ExtensionContext context) {
        return context.getRoot()
            .getStore(ExtensionContext.Namespace.GLOBAL)
            .getOrComputeIfAbsent(AttackPlatform.class,
                    key -> new AttackPlatform(EmbeddedPlatform.start(1, 1, 1, SETTINGS)), AttackPlatform.class).embedded
            .platform();
    }

    @Override
    public void close() {
        embedded.close();
    }

}

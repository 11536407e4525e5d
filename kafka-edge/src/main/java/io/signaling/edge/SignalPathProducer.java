package io.signaling.edge;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * The settings every producer on the signal path runs with (the gateway's, the session
 * service's command producer, the relay's Streams producer), over what configuration says
 * ({@code spring.kafka.producer.*}; for the relay also
 * {@code spring.kafka.streams.properties.producer.*}). docs/architecture.md, "Settings on
 * the signal path".
 *
 * <p>
 * Enforced, whatever configuration says: idempotence and {@code acks=all} (an ack to a
 * client means replicated, once, in order), and at most 5 requests in flight per
 * connection (what idempotence keeps in order). Defaulted, configuration may change it:
 * {@code linger.ms} 0 (a user waits for every record; under load records batch behind the
 * requests in flight anyway).
 */
public final class SignalPathProducer {

    /** {@code linger.ms} unless configured otherwise. */
    public static final int DEFAULT_LINGER_MS = 0;
    static final int MAX_IN_FLIGHT = 5;

    private SignalPathProducer() {
    }

    /**
     * The signal-path settings given what is configured (plain producer keys): to put
     * over it.
     */
    public static Map<String, Object> settings(Map<String, Object> configured) {
        Map<String, Object> settings = new HashMap<>();
        settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        settings.put(ProducerConfig.ACKS_CONFIG, "all");
        settings.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, Math.min(MAX_IN_FLIGHT,
                intOf(configured.get(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION), MAX_IN_FLIGHT)));
        settings.put(ProducerConfig.LINGER_MS_CONFIG,
                configured.getOrDefault(ProducerConfig.LINGER_MS_CONFIG, DEFAULT_LINGER_MS));
        return settings;
    }

    /** {@code configured} with the signal-path settings over it. */
    public static Map<String, Object> apply(Map<String, Object> configured) {
        Map<String, Object> config = new HashMap<>(configured);
        config.putAll(settings(configured));
        return config;
    }

    private static int intOf(Object value, int otherwise) {
        return value == null ? otherwise : Integer.parseInt(value.toString().trim());
    }

}

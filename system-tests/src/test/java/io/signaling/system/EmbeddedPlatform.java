package io.signaling.system;

import java.util.Map;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * A {@link Platform} on a one-node embedded KRaft broker of its own, started before a
 * test class's tests and closed after them (an {@code @AutoClose} field): the platform is
 * closed before its broker, and a broker whose platform failed to start is not left
 * running.
 */
final class EmbeddedPlatform implements AutoCloseable {

    private final EmbeddedKafkaKraftBroker broker;

    private final Platform platform;

    private EmbeddedPlatform(EmbeddedKafkaKraftBroker broker, Platform platform) {
        this.broker = broker;
        this.platform = platform;
    }

    /** See {@link Platform#start(String, int, int, int, Map)}. */
    static EmbeddedPlatform start(int relayCount, int sessionServiceCount, int gatewayCount,
            Map<String, Object> overrides) {
        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 1);
        try {
            broker.afterPropertiesSet();
            return new EmbeddedPlatform(broker, Platform.start(broker.getBrokersAsString(), relayCount,
                    sessionServiceCount, gatewayCount, overrides));
        }
        catch (RuntimeException | Error e) {
            broker.destroy();
            throw e;
        }
    }

    Platform platform() {
        return platform;
    }

    @Override
    public void close() {
        platform.close();
        broker.destroy();
    }

}

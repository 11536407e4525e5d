package io.signaling.system;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/** The contract on spring-kafka-test's in-JVM KRaft broker: runs everywhere, no Docker needed. */
class EmbeddedKafkaContractTest extends ContractTests {

    private static EmbeddedKafkaKraftBroker broker;
    private static Platform platform;

    @BeforeAll
    static void startPlatform() {
        broker = new EmbeddedKafkaKraftBroker(1, 1);
        broker.afterPropertiesSet();
        platform = Platform.start(broker.getBrokersAsString(), 2, SETTINGS);
    }

    @AfterAll
    static void stopPlatform() {
        if (platform != null) {
            platform.close();
        }
        if (broker != null) {
            broker.destroy();
        }
    }

    @Override
    Platform platform() {
        return platform;
    }
}

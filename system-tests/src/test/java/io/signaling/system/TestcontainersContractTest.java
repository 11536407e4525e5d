package io.signaling.system;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;

/**
 * The same contract on the real {@code apache/kafka} image. Needs a Docker engine:
 * without one, JUnit reports the class as skipped ("disabledWithoutDocker"), it never
 * passes silently.
 */
@Testcontainers(disabledWithoutDocker = true)
class TestcontainersContractTest extends ContractTests {

    @Container
    static final KafkaContainer KAFKA = new KafkaContainer("apache/kafka:4.1.1");

    private static Platform platform;

    @BeforeAll
    static void startPlatform() {
        platform = Platform.start(KAFKA.getBootstrapServers(), 2, SETTINGS);
    }

    @AfterAll
    static void stopPlatform() {
        if (platform != null) {
            platform.close();
        }
    }

    @Override
    Platform platform() {
        return platform;
    }

}

package io.signaling.system;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;

/**
 * The contract on spring-kafka-test's in-JVM KRaft broker: runs everywhere, no Docker
 * needed.
 */
class EmbeddedKafkaContractTest extends ContractTests {

    @AutoClose
    private static EmbeddedPlatform embedded;

    @BeforeAll
    static void startPlatform() {
        embedded = EmbeddedPlatform.start(1, 1, 2, SETTINGS);
    }

    @Override
    Platform platform() {
        return embedded.platform();
    }

}

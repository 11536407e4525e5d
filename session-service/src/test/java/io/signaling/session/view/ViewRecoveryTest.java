package io.signaling.session.view;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.signaling.edge.testing.TopicsCreatedFirst;
import io.signaling.schemas.gateway.GatewayHeartbeat;
import io.signaling.session.SessionServiceApplication;
import io.signaling.session.gateways.HeartbeatTable;
import io.signaling.session.system.SessionProperties;
import io.signaling.session.testing.MutableClock;
import io.signaling.session.testing.ServiceWithRelayDouble;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The views' consumer meets an exception that is not Kafka's (here: applying one
 * heartbeat fails once, as a bug would): the service does not go on answering from a
 * frozen table. Its health says the views are not caught up while they are read again,
 * and then they follow the log again.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "spring.config.name=" + SessionServiceApplication.CONFIG_NAME, "server.shutdown=immediate",
                "signaling.topics.partitions=2", "signaling.topics.delivery-partitions=2",
                "signaling.session.decision-timeout=3s", "signaling.session.gateway-timeout=60s" })
@EmbeddedKafka(count = 1, bootstrapServersProperty = "spring.kafka.bootstrap-servers")
@Import(TopicsCreatedFirst.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ViewRecoveryTest extends ServiceWithRelayDouble {

    private static final String PREFIX = "it-views-" + UUID.randomUUID();

    private static final String POISON = "gw-poison";

    @DynamicPropertySource
    static void topics(DynamicPropertyRegistry registry) {
        registry.add("signaling.topics.prefix", () -> PREFIX);
    }

    /**
     * The heartbeat table, but applying the first heartbeat of {@link #POISON} throws.
     */
    static class FailingOnceHeartbeatTable extends HeartbeatTable {

        final AtomicInteger failures = new AtomicInteger();

        FailingOnceHeartbeatTable(Clock clock, SessionProperties properties) {
            super(clock, properties);
        }

        @Override
        public void apply(String gatewayId, GatewayHeartbeat heartbeat) {
            if (POISON.equals(gatewayId) && failures.compareAndSet(0, 1)) {
                throw new IllegalStateException("a bug in applying a heartbeat");
            }
            super.apply(gatewayId, heartbeat);
        }

    }

    @TestConfiguration(proxyBeanMethods = false)
    static class Beans {

        @Bean
        @Primary
        MutableClock testClock() {
            return new MutableClock(Instant.now());
        }

        @Bean
        @Primary
        FailingOnceHeartbeatTable failingOnceHeartbeatTable(MutableClock clock, SessionProperties properties) {
            return new FailingOnceHeartbeatTable(clock, properties);
        }

    }

    @Autowired
    private FailingOnceHeartbeatTable table;

    @Test
    void aFailureThatIsNotKafkasIsRecoveredFromAndHealthIsDownMeanwhile() throws Exception {
        heartbeat("gw-it");
        await().atMost(Duration.ofSeconds(30)).until(() -> kafkaHealth().equals("UP"));

        heartbeat(POISON);

        await().atMost(Duration.ofSeconds(10))
            .pollInterval(Duration.ofMillis(20))
            .untilAsserted(() -> assertThat(kafkaHealth()).as("while the views are read again").isEqualTo("DOWN"));
        assertThat(table.failures).hasValue(1);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(kafkaHealth()).isEqualTo("UP");
            assertThat(gateways.live()).extracting(GatewayHeartbeat::gatewayId)
                .containsExactlyInAnyOrder("gw-it", POISON);
        });

        // and the views follow the log again: a session decided by the relay after the
        // failure is answered
        HttpResponse<String> created = http.send(HttpRequest.newBuilder(uri(port, "/connect"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString("userId=after"))
            .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).isEqualTo(201);
    }

    private String kafkaHealth() throws Exception {
        HttpResponse<String> health = http.send(
                HttpRequest.newBuilder(uri(managementPort, "/actuator/health")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode body = json.readTree(health.body());
        return body.at("/components/kafka/status").asString();
    }

    private void heartbeat(String gatewayId) {
        heartbeat(gatewayId, "http://127.0.0.1:8081/ws", clock.instant());
    }

}

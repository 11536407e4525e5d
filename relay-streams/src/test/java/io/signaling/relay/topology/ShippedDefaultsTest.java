package io.signaling.relay.topology;

import static io.signaling.relay.topology.Fixtures.create;
import io.signaling.schemas.json.RawJson;
import static io.signaling.relay.topology.Fixtures.gatewayOf;
import static io.signaling.relay.topology.Fixtures.opened;
import static io.signaling.relay.topology.Fixtures.partitionOf;
import static io.signaling.relay.topology.Fixtures.signal;
import static io.signaling.relay.topology.RelayDriver.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.signaling.relay.system.ShippedConfiguration;
import io.signaling.schemas.delivery.Delivery;
import io.signaling.schemas.delivery.SignalDelivery;
import io.signaling.schemas.delivery.SignalRejection;
import io.signaling.schemas.json.Json;
import io.signaling.schemas.session.SessionExpired;
import io.signaling.schemas.signal.SignalAccepted;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The relay's production defaults (contract §1 and §2), read from the shipped
 * {@code relay-streams.yml} and the properties' own defaults, and run: the topology with
 * exactly the settings the relay ships with. An unacked session lives 30 s, not 29 or 31;
 * a recipient that has not connected is held 1,000 signals or 4 MiB, the 1,001st (or the
 * one past 4 MiB) is answered {@code recipient-unavailable}.
 */
class ShippedDefaultsTest {

    private static final long FOUR_MIB = 4L * 1024 * 1024;

    @TempDir
    Path stateDir;

    private final RelaySettings shipped = ShippedConfiguration.settings();

    private RelayDriver relay;

    @BeforeEach
    void start() {
        relay = new RelayDriver(stateDir, shipped);
    }

    @AfterEach
    void stop() {
        relay.close();
    }

    @Test
    void theContractsDefaultsAreTheShippedOnes() {
        assertThat(shipped.unackedSessionTtl()).isEqualTo(Duration.ofSeconds(30));
        assertThat(shipped.held().maxSignals()).isEqualTo(1_000);
        assertThat(shipped.held().maxBytes()).isEqualTo(FOUR_MIB);
        // docs/operations.md
        assertThat(shipped.expiryScanInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(shipped.gatewayTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(shipped.held().batchSize()).isEqualTo(200);
        assertThat(shipped.held().batchInterval()).isEqualTo(Duration.ofMillis(10));
        assertThat(shipped.maxRecordBytes()).isEqualTo(1_000_000);
    }

    @Test
    void anUnackedSessionExpiresThirtySecondsAfterItWasCreatedNotBefore() {
        relay.commands.pipeInput("alice", create("alice", "s1"));
        relay.events.readValuesToList();
        relay.sessions.readValuesToList();

        relay.driver.advanceWallClockTime(Duration.ofSeconds(29));
        assertThat(relay.events.isEmpty()).as("still there after 29 s").isTrue();
        relay.driver.advanceWallClockTime(Duration.ofSeconds(1));

        assertThat(relay.events.readValuesToList())
            .containsExactly(new SessionExpired("alice", "s1", T0.plusSeconds(30)));
    }

    @Test
    void aRecipientThatHasNotConnectedIsHeldOneThousandSignals() {
        relay.commands.pipeInput("bob", create("bob", "b1"));
        for (int n = 1; n <= 1_001; n++) {
            relay.signals.pipeInput("bob", signal("m" + n, "alice", "bob"));
        }

        assertThat(rejected(relay.deliveries.readValuesToList())).containsExactly("m1001");
        relay.reports.pipeInput("bob", opened("bob", "b1"));
        int released = 0;
        for (int tick = 0; tick < 20 && released < 1_000; tick++) {
            released += relay.deliveries.readValuesToList().stream().filter(SignalDelivery.class::isInstance).count();
            relay.driver.advanceWallClockTime(shipped.held().batchInterval());
        }
        assertThat(released).as("every held signal released on connect").isEqualTo(1_000);
    }

    @Test
    void aRecipientThatHasNotConnectedIsHeldFourMebibytes() {
        relay.commands.pipeInput("bob", create("bob", "b1"));
        String content = "x".repeat(20_000); // about 210 signals fit: a bound off by one
                                             // signal's size shows
        int sent = 0;
        List<String> rejected = List.of();
        while (rejected.isEmpty() && sent < 1_000) {
            sent++;
            relay.signals.pipeInput("bob", withContent("m" + sent, content));
            rejected = rejected(relay.deliveries.readValuesToList());
        }

        assertThat(rejected).containsExactly("m" + sent);
        long held = relay.backlogsStore().get("bob").bytes();
        long one = held / (sent - 1);
        assertThat(held).as("bytes held when the next signal did not fit")
            .isLessThanOrEqualTo(FOUR_MIB)
            .isGreaterThan(FOUR_MIB - one);
    }

    private static List<String> rejected(List<Delivery> deliveries) {
        return deliveries.stream()
            .filter(SignalRejection.class::isInstance)
            .map(d -> ((SignalRejection) d).id())
            .toList();
    }

    private static SignalAccepted withContent(String id, String text) {
        return new SignalAccepted(id, "alice", "bob", RawJson.of(Json.mapper().getNodeFactory().stringNode(text)),
                Fixtures.AT, "alice-session", gatewayOf("alice"), partitionOf("alice"));
    }

}

package io.signaling.relay.topology;

import static io.signaling.relay.topology.Fixtures.create;
import io.signaling.schemas.json.RawJson;
import static io.signaling.relay.topology.Fixtures.end;
import static io.signaling.relay.topology.Fixtures.gatewayOf;
import static io.signaling.relay.topology.Fixtures.opened;
import static io.signaling.relay.topology.Fixtures.partitionOf;
import static io.signaling.relay.topology.Fixtures.signal;
import static io.signaling.relay.topology.RelayDriver.GATEWAY_TIMEOUT;
import static io.signaling.relay.topology.RelayDriver.TTL;
import static org.assertj.core.api.Assertions.assertThat;

import io.signaling.relay.topology.RelayMetrics.Failure;
import io.signaling.schemas.delivery.Delivery;
import io.signaling.schemas.delivery.RejectionReason;
import io.signaling.schemas.delivery.SignalDelivery;
import io.signaling.schemas.delivery.SignalRejection;
import io.signaling.schemas.json.Json;
import io.signaling.schemas.session.SessionCreated;
import io.signaling.schemas.signal.SignalAccepted;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Signals held for a recipient that has not connected are bounded (count and bytes; past
 * that, {@code recipient-unavailable}), and delivered on connect or answered when the
 * session ends a batch at a time, in order, with newer signals behind the older ones
 * (contract §2).
 */
class HeldBacklogTest {

    private static final Duration INTERVAL = Duration.ofMillis(10);

    @TempDir
    Path stateDir;

    private RelayDriver relay;

    @AfterEach
    void stop() {
        relay.close();
    }

    @Test
    void pastTheCountBoundASignalIsAnsweredAndWhatWasHeldIsStillDelivered() {
        start(new RelaySettings.Held(3, 1 << 20, 100, INTERVAL));
        relay.commands.pipeInput("bob", create("bob", "b1"));

        IntStream.rangeClosed(1, 5).forEach(n -> relay.signals.pipeInput("bob", signal("m" + n, "alice", "bob")));

        assertThat(relay.deliveries.readValuesToList()).containsExactly(rejection("m4", 3, RejectionReason.HELD_LIMIT),
                rejection("m5", 4, RejectionReason.HELD_LIMIT));
        assertThat(relay.failed(Failure.HELD_LIMIT)).isEqualTo(2);
        assertThat(relay.backlogsStore().get("bob").count()).isEqualTo(3);

        relay.reports.pipeInput("bob", opened("bob", "b1"));

        assertThat(delivered()).containsExactly("m1", "m2", "m3");
        assertThat(relay.backlogsStore().get("bob")).isNull();
    }

    @Test
    void pastTheByteBoundASignalIsAnswered() {
        start(new RelaySettings.Held(1_000, 2_000, 100, INTERVAL));
        relay.commands.pipeInput("bob", create("bob", "b1"));
        String sixHundred = "x".repeat(600);

        for (int n = 1; n <= 3; n++) {
            relay.signals.pipeInput("bob", withContent("m" + n, sixHundred));
        }

        assertThat(relay.deliveries.readValuesToList()).containsExactly(rejection("m3", 2, RejectionReason.HELD_LIMIT));
        assertThat(relay.backlogsStore().get("bob").count()).isEqualTo(2);
        assertThat(relay.backlogsStore().get("bob").bytes()).isBetween(1_200L, 2_000L);
    }

    @Test
    void onConnectABatchGoesAtOnceTheRestABatchPerIntervalAndNewerSignalsQueueBehind() {
        start(new RelaySettings.Held(1_000, 1 << 20, 2, INTERVAL));
        relay.commands.pipeInput("bob", create("bob", "b1"));
        IntStream.rangeClosed(1, 5).forEach(n -> relay.signals.pipeInput("bob", signal("m" + n, "alice", "bob")));

        relay.reports.pipeInput("bob", opened("bob", "b1"));
        List<String> order = new ArrayList<>(delivered());
        assertThat(order).containsExactly("m1", "m2");

        relay.signals.pipeInput("bob", signal("m6", "alice", "bob")); // connected, but
                                                                      // m3..m5 go first
        assertThat(delivered()).isEmpty();
        for (int tick = 0; tick < 5 && order.size() < 6; tick++) {
            relay.driver.advanceWallClockTime(INTERVAL);
            List<String> batch = delivered();
            assertThat(batch.size()).as("at most one batch per interval").isLessThanOrEqualTo(2 * 3);
            order.addAll(batch);
        }

        assertThat(order).containsExactly("m1", "m2", "m3", "m4", "m5", "m6");
        assertThat(relay.backlogsStore().get("bob")).isNull();
        relay.signals.pipeInput("bob", signal("m7", "alice", "bob"));
        assertThat(delivered()).containsExactly("m7"); // nothing held any more: straight
                                                       // through
    }

    @Test
    void onExpiryHeldSignalsAreAnsweredABatchAtATimeInOrder() {
        start(new RelaySettings.Held(1_000, 1 << 20, 2, INTERVAL));
        relay.commands.pipeInput("bob", create("bob", "b1"));
        IntStream.rangeClosed(1, 5).forEach(n -> relay.signals.pipeInput("bob", signal("m" + n, "alice", "bob")));

        relay.driver.advanceWallClockTime(TTL.plusSeconds(1));
        List<String> answered = new ArrayList<>(rejected());
        assertThat(answered).hasSizeLessThan(5).isNotEmpty();
        for (int tick = 0; tick < 5 && answered.size() < 5; tick++) {
            relay.driver.advanceWallClockTime(INTERVAL);
            answered.addAll(rejected());
        }

        assertThat(answered).containsExactly("m1", "m2", "m3", "m4", "m5");
        assertThat(relay.backlogsStore().get("bob")).isNull();
        assertThat(relay.heldStore().approximateNumEntries()).isZero();
    }

    @Test
    void aNewSessionHoldsNothingOfTheEndedOnesBacklog() {
        start(new RelaySettings.Held(1_000, 1 << 20, 2, INTERVAL));
        relay.commands.pipeInput("bob", create("bob", "b1"));
        IntStream.rangeClosed(1, 5).forEach(n -> relay.signals.pipeInput("bob", signal("m" + n, "alice", "bob")));

        relay.commands.pipeInput("bob", end("bob", "b1")); // a batch answered now, the
                                                           // rest pending
        relay.commands.pipeInput("bob", create("bob", "b2")); // answers the rest before
                                                              // b2 exists
        List<Delivery> out = relay.deliveries.readValuesToList();
        assertThat(out).extracting(d -> ((SignalRejection) d).id()).containsExactly("m1", "m2", "m3", "m4", "m5");
        assertThat(relay.events.readValuesToList()).last().isInstanceOf(SessionCreated.class);

        relay.signals.pipeInput("bob", signal("m6", "alice", "bob"));
        relay.reports.pipeInput("bob", opened("bob", "b2"));

        assertThat(delivered()).containsExactly("m6");
    }

    private void start(RelaySettings.Held held) {
        relay = new RelayDriver(stateDir, new RelaySettings(TTL, Duration.ofSeconds(1), GATEWAY_TIMEOUT, held,
                RelaySettings.DEFAULT_MAX_RECORD_BYTES));
    }

    private List<String> delivered() {
        return relay.deliveries.readValuesToList().stream().map(d -> {
            assertThat(d).isInstanceOf(SignalDelivery.class);
            return ((SignalDelivery) d).id();
        }).toList();
    }

    private List<String> rejected() {
        return relay.deliveries.readValuesToList().stream().map(d -> {
            assertThat(d).isInstanceOf(SignalRejection.class);
            return ((SignalRejection) d).id();
        }).toList();
    }

    private static SignalAccepted withContent(String id, String text) {
        return new SignalAccepted(id, "alice", "bob", RawJson.of(Json.mapper().getNodeFactory().stringNode(text)),
                Fixtures.AT, "alice-session", gatewayOf("alice"), partitionOf("alice"));
    }

    private static SignalRejection rejection(String id, long offset, RejectionReason reason) {
        return new SignalRejection(gatewayOf("alice"), partitionOf("alice"), "alice", "alice-session", id, "bob",
                reason, 0, offset);
    }

}

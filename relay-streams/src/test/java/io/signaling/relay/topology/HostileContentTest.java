package io.signaling.relay.topology;

import static io.signaling.relay.topology.Fixtures.create;
import io.signaling.schemas.json.RawJson;
import static io.signaling.relay.topology.Fixtures.gatewayOf;
import static io.signaling.relay.topology.Fixtures.opened;
import static io.signaling.relay.topology.Fixtures.partitionOf;
import static io.signaling.relay.topology.RelayDriver.GATEWAY_TIMEOUT;
import static io.signaling.relay.topology.RelayDriver.TTL;
import static org.assertj.core.api.Assertions.assertThat;

import io.signaling.relay.topology.RelayMetrics.Failure;
import io.signaling.schemas.delivery.Delivery;
import io.signaling.schemas.delivery.RejectionReason;
import io.signaling.schemas.delivery.SignalDelivery;
import io.signaling.schemas.delivery.SignalRejection;
import io.signaling.schemas.json.Json;
import io.signaling.schemas.session.SessionEvent;
import io.signaling.schemas.signal.SignalAccepted;
import io.signaling.schemas.topic.Topic;
import io.signaling.schemas.topic.Topics;
import io.signaling.schemas.topic.TopicsProperties;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No content stops the relay (contract §2, issue 11): content nested as deep as a reader
 * accepts is held, released and delivered like any other; deeper content is skipped and
 * counted; a signal whose delivery cannot be written is answered
 * {@code recipient-unavailable}; whatever still fails is skipped by the backstop
 * handlers. The relay decides the next record every time, and no log line carries the
 * content.
 */
class HostileContentTest {

    private static final String MARKER = "hostile-marker";

    @TempDir
    Path stateDir;

    private RelayDriver relay;

    private final CapturedLogs logs = new CapturedLogs();

    @AfterEach
    void stop() {
        if (relay != null) {
            relay.close();
        }
        logs.close();
    }

    @Test
    void contentAsDeepAsTheRelayReadsIsHeldReleasedAndDeliveredInOrder() {
        relay = new RelayDriver(stateDir);
        relay.commands.pipeInput("held", create("held", "h1"));
        connect("live", "l1");
        List<Integer> depths = IntStream.rangeClosed(490, Json.MAX_READ_DEPTH - 1).boxed().toList();

        for (int depth : depths) {
            relay.pipeRaw(relay.topics.signals().name(), "held", deepSignal("to-held-" + depth, "held", depth));
            relay.pipeRaw(relay.topics.signals().name(), "live", deepSignal("to-live-" + depth, "live", depth));
        }
        List<SignalDelivery> live = signalDeliveries();
        relay.reports.pipeInput("held", opened("held", "h1"));
        List<SignalDelivery> released = signalDeliveries();

        assertThat(live).extracting(SignalDelivery::id).containsExactlyElementsOf(ids("to-live-", depths));
        assertThat(released).extracting(SignalDelivery::id).containsExactlyElementsOf(ids("to-held-", depths));
        for (SignalDelivery delivery : released) {
            int depth = Integer.parseInt(delivery.id().substring("to-held-".length()));
            assertThat(delivery.content().text()).isEqualTo(nested(depth));
        }
        assertThat(relay.heldStore().approximateNumEntries()).isZero();
        assertThat(relay.skipped()).isZero();
        assertNoLineCarriesTheContent();
    }

    @Test
    void contentDeeperThanAnyReaderAcceptsIsSkippedAndTheRelayDecidesTheNextRecord() {
        relay = new RelayDriver(stateDir);
        relay.commands.pipeInput("held", create("held", "h1"));
        connect("live", "l1");

        for (int depth = Json.MAX_READ_DEPTH; depth <= 1_000; depth += 50) {
            relay.pipeRaw(relay.topics.signals().name(), "held", deepSignal("deep-held-" + depth, "held", depth));
            relay.pipeRaw(relay.topics.signals().name(), "live", deepSignal("deep-live-" + depth, "live", depth));
        }
        relay.signals.pipeInput("live", Fixtures.signal("after", "alice", "live"));
        relay.commands.pipeInput("other", create("other", "o1"));

        assertThat(signalDeliveries()).extracting(SignalDelivery::id).containsExactly("after");
        assertThat(relay.events.readValuesToList()).hasSize(1);
        assertThat(relay.skipped()).isEqualTo(22);
        assertNoLineCarriesTheContent();
    }

    @Test
    void aSignalWhoseDeliveryCannotBeWrittenIsAnsweredToItsSenderAndTheNextIsDelivered() {
        relay = new RelayDriver(stateDir,
                topicsFailingOn(d -> d instanceof SignalDelivery s && s.id().startsWith("poison")),
                RelaySettings.defaults());
        connect("bob", "b1");

        relay.signals.pipeInput("bob", signalWithMarker("poison-1", "bob"));
        relay.signals.pipeInput("bob", Fixtures.signal("fine-1", "alice", "bob"));

        List<Delivery> out = relay.deliveries.readValuesToList();
        assertThat(out).hasSize(2);
        assertThat(out.get(0)).isEqualTo(rejection("poison-1", "bob", 0, RejectionReason.PROCESSING_ERROR));
        assertThat(((SignalDelivery) out.get(1)).id()).isEqualTo("fine-1");
        assertThat(relay.failed(Failure.PROCESSING_ERROR)).isEqualTo(1);
        assertThat(logs.lines()).anyMatch(line -> line.contains("offset=0") && line.contains("could not be routed"));
        assertNoLineCarriesTheContent();
    }

    @Test
    void aHeldSignalWhoseReleaseFailsIsAnsweredAndTheOthersAreReleasedInOrder() {
        relay = new RelayDriver(stateDir,
                topicsFailingOn(d -> d instanceof SignalDelivery s && s.id().startsWith("poison")),
                RelaySettings.defaults());
        relay.commands.pipeInput("bob", create("bob", "b1"));
        relay.signals.pipeInput("bob", Fixtures.signal("fine-1", "alice", "bob"));
        relay.signals.pipeInput("bob", signalWithMarker("poison-2", "bob"));
        relay.signals.pipeInput("bob", Fixtures.signal("fine-3", "alice", "bob"));

        relay.reports.pipeInput("bob", opened("bob", "b1"));

        List<Delivery> out = relay.deliveries.readValuesToList();
        assertThat(out).extracting(
                d -> d instanceof SignalDelivery s ? "delivered " + s.id() : "rejected " + ((SignalRejection) d).id())
            .containsExactly("delivered fine-1", "rejected poison-2", "delivered fine-3");
        assertThat(relay.failed(Failure.PROCESSING_ERROR)).isEqualTo(1);
        assertNoLineCarriesTheContent();
    }

    @Test
    void aSignalLargerThanTheRelayWritesIsAnsweredWhetherDeliveredOrHeld() {
        RelaySettings small = new RelaySettings(TTL, Duration.ofSeconds(1), GATEWAY_TIMEOUT,
                RelaySettings.Held.DEFAULTS, 2_000);
        relay = new RelayDriver(stateDir, small);
        connect("live", "l1");
        relay.commands.pipeInput("held", create("held", "h1"));
        String big = MARKER + "x".repeat(2_000);

        relay.signals.pipeInput("live", signal("big-live", "live", Json.mapper().getNodeFactory().stringNode(big)));
        relay.signals.pipeInput("held", signal("big-held", "held", Json.mapper().getNodeFactory().stringNode(big)));
        relay.signals.pipeInput("live", Fixtures.signal("small", "alice", "live"));

        List<Delivery> out = relay.deliveries.readValuesToList();
        assertThat(out).containsExactly(rejection("big-live", "live", 0, RejectionReason.TOO_LARGE),
                rejection("big-held", "held", 1, RejectionReason.TOO_LARGE), out.get(2));
        assertThat(((SignalDelivery) out.get(2)).id()).isEqualTo("small");
        assertThat(relay.failed(Failure.TOO_LARGE)).isEqualTo(2);
        assertThat(relay.heldStore().approximateNumEntries()).isZero();
    }

    @Test
    void whatStillFailsPastTheLedgerIsSkippedByTheBackstopAndCounted() {
        // Even the answer to the sender cannot be written: the processing handler skips
        // the record.
        relay = new RelayDriver(stateDir, topicsFailingOn(d -> d.userId().equals("mallory")), RelaySettings.defaults());

        relay.signals.pipeInput("nobody", signalWithMarker("m-1", "mallory", "nobody"));
        relay.signals.pipeInput("nobody", Fixtures.signal("m-2", "alice", "nobody"));

        assertThat(relay.deliveries.readValuesToList())
            .containsExactly(rejection("m-2", "nobody", 1, RejectionReason.NO_SESSION));
        assertThat(relay.recordsFailed("processing")).isEqualTo(1);
        assertThat(logs.lines())
            .anyMatch(line -> line.contains("Skipping record topic=" + relay.topics.signals().name())
                    && line.contains("offset=0"));
        assertNoLineCarriesTheContent();
    }

    @Test
    void anOutputThatCannotBeSerializedInTheSinkIsDroppedAndTheRelayGoesOn() {
        Topics failingEvents = withSessionEvents(relay -> relay.userId().equals("mallory"));
        relay = new RelayDriver(stateDir, failingEvents, RelaySettings.defaults());

        relay.commands.pipeInput("mallory", create("mallory", "m1"));
        relay.commands.pipeInput("alice", create("alice", "a1"));

        assertThat(relay.events.readValuesToList()).extracting(SessionEvent::userId).containsExactly("alice");
        assertThat(relay.recordsFailed("production")).isEqualTo(1);
        assertNoLineCarriesTheContent();
    }

    // ---- helpers
    // ------------------------------------------------------------------------------------

    private void connect(String userId, String sessionId) {
        relay.commands.pipeInput(userId, create(userId, sessionId));
        relay.reports.pipeInput(userId, opened(userId, sessionId));
        relay.events.readRecordsToList();
        relay.sessions.readRecordsToList();
        relay.deliveries.readRecordsToList();
    }

    private List<SignalDelivery> signalDeliveries() {
        return relay.deliveries.readValuesToList().stream().map(d -> {
            assertThat(d).isInstanceOf(SignalDelivery.class);
            return (SignalDelivery) d;
        }).toList();
    }

    private void assertNoLineCarriesTheContent() {
        assertThat(logs.lines()).isNotEmpty().noneMatch(line -> line.contains(MARKER));
    }

    private static List<String> ids(String prefix, List<Integer> depths) {
        return depths.stream().map(depth -> prefix + depth).toList();
    }

    private static String nested(int depth) {
        return "[".repeat(depth) + "\"" + MARKER + "\"" + "]".repeat(depth);
    }

    /**
     * A signal record as a foreign or older writer could put it in the topic: content
     * nested {@code depth} deep.
     */
    private static byte[] deepSignal(String id, String to, int depth) {
        String json = "{\"id\":\"" + id + "\",\"from\":\"alice\",\"to\":\"" + to + "\",\"content\":" + nested(depth)
                + ",\"sentAt\":\"2030-01-01T00:00:00Z\",\"senderSessionId\":\"alice-session\",\"senderGatewayId\":\""
                + gatewayOf("alice") + "\",\"senderDeliveryPartition\":" + partitionOf("alice") + "}";
        return json.getBytes(StandardCharsets.UTF_8);
    }

    private static SignalAccepted signal(String id, String to, tools.jackson.databind.JsonNode content) {
        return new SignalAccepted(id, "alice", to, RawJson.of(content), Fixtures.AT, "alice-session",
                gatewayOf("alice"), partitionOf("alice"));
    }

    private static SignalAccepted signalWithMarker(String id, String to) {
        return signalWithMarker(id, "alice", to);
    }

    private static SignalAccepted signalWithMarker(String id, String from, String to) {
        return new SignalAccepted(id, from, to, RawJson.of(Json.mapper().getNodeFactory().stringNode(MARKER)),
                Fixtures.AT, from + "-session", gatewayOf(from), partitionOf(from));
    }

    private static SignalRejection rejection(String id, String to, long offset, RejectionReason reason) {
        return new SignalRejection(gatewayOf("alice"), partitionOf("alice"), "alice", "alice-session", id, to, reason,
                0, offset);
    }

    /**
     * The deliveries topic with a serializer that fails on some records the way
     * spring-kafka's does: with the whole record, content included, in its message. What
     * the relay logs must not repeat it.
     */
    private static Topics topicsFailingOn(Predicate<Delivery> poison) {
        Topics topics = Topics.from(TopicsProperties.defaults("test"));
        Topic<String, Delivery> deliveries = topics.deliveries();
        return new Topics(topics.sessionCommands(), topics.gatewayReports(), topics.signals(), topics.sessionEvents(),
                topics.sessions(), withSerde(deliveries, failing(deliveries.valueSerde(), poison)), topics.gateways());
    }

    private static Topics withSessionEvents(Predicate<SessionEvent> poison) {
        Topics topics = Topics.from(TopicsProperties.defaults("test"));
        Topic<String, SessionEvent> events = topics.sessionEvents();
        return new Topics(topics.sessionCommands(), topics.gatewayReports(), topics.signals(),
                withSerde(events, failing(events.valueSerde(), poison)), topics.sessions(), topics.deliveries(),
                topics.gateways());
    }

    private static <V> Topic<String, V> withSerde(Topic<String, V> topic, Serde<V> serde) {
        return new Topic<>(topic.name(), topic.keySerde(), serde, topic.partitions(), topic.replicationFactor(),
                topic.cleanupPolicy(), topic.retention(), topic.retentionBytes(), topic.writer());
    }

    private static <V> Serde<V> failing(Serde<V> real, Predicate<V> poison) {
        Serializer<V> serializer = (topic, value) -> {
            if (value != null && poison.test(value)) {
                throw new SerializationException("Can't serialize data [" + value + "] " + MARKER);
            }
            return real.serializer().serialize(topic, value);
        };
        return Serdes.serdeFrom(serializer, real.deserializer());
    }

}

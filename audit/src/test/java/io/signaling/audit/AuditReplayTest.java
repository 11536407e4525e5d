package io.signaling.audit;

import static org.assertj.core.api.Assertions.assertThat;
import io.signaling.schemas.json.RawJson;

import io.signaling.audit.cli.AuditCommand;
import io.signaling.audit.replay.HistoryReader;
import io.signaling.schemas.audit.TimelineEntry;
import io.signaling.audit.replay.ReplayQuery;
import io.signaling.schemas.delivery.RejectionReason;
import io.signaling.schemas.delivery.SignalDelivery;
import io.signaling.schemas.delivery.SignalReceipt;
import io.signaling.schemas.delivery.SignalRejection;
import io.signaling.schemas.json.Json;
import io.signaling.schemas.session.DeleteReason;
import io.signaling.schemas.session.SessionAcked;
import io.signaling.schemas.session.SessionCreated;
import io.signaling.schemas.session.SessionDeleted;
import io.signaling.schemas.session.SessionExpired;
import io.signaling.schemas.session.SessionRefused;
import io.signaling.schemas.signal.SignalAccepted;
import io.signaling.schemas.topic.Topic;
import io.signaling.schemas.topic.Topics;
import io.signaling.schemas.topic.TopicsProperties;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;

/**
 * A known history written to a real broker, replayed through the real command line:
 * order, fields, filters and redaction must come out exactly.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class AuditReplayTest {

    static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
    static final String PREFIX = "audit-replay";

    static EmbeddedKafkaKraftBroker broker;
    static Topics topics = Topics.from(TopicsProperties.defaults(PREFIX));

    record Run(int exitCode, String out, String err) {

        List<JsonNode> lines() {
            return out.lines().map(l -> Json.mapper().readTree(l)).toList();
        }
    }

    @BeforeAll
    static void writeKnownHistory() throws Exception {
        broker = new EmbeddedKafkaKraftBroker(1, 1);
        broker.afterPropertiesSet();
        broker.addTopics(topics.newTopics(TopicsProperties.defaults(PREFIX))
            .toArray(org.apache.kafka.clients.admin.NewTopic[]::new));
        JsonNode offer = Json.mapper().readTree("{\"type\":\"offer\",\"sdp\":\"v=0 IN IP4 192.0.2.1\"}");
        JsonNode candidate = Json.mapper()
            .readTree("{\"candidate\":\"candidate:1 1 udp 1 198.51.100.7 5000 typ host\"}");
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()), new StringSerializer(),
                new ByteArraySerializer())) {
            send(producer, topics.sessionEvents(), 0, "alice",
                    new SessionCreated("alice", "s-a", "sha256:x", "gw-a", "http://gw-a/ws", 0, at(0), at(30)));
            send(producer, topics.sessionEvents(), 1, "bob",
                    new SessionCreated("bob", "s-b", "sha256:y", "gw-b", "http://gw-b/ws", 1, at(1), at(31)));
            send(producer, topics.sessionEvents(), 2, "bob", new SessionRefused("bob", "s-b2", "user-id-taken", at(2)));
            send(producer, topics.sessionEvents(), 3, "alice", new SessionAcked("alice", "s-a", "gw-a", at(3)));
            send(producer, topics.signals(), 4, "bob",
                    new SignalAccepted("m1", "alice", "bob", RawJson.of(offer), at(4), "s-a", "gw-a", 0));
            send(producer, topics.sessionEvents(), 5, "bob", new SessionAcked("bob", "s-b", "gw-b", at(5)));
            send(producer, topics.deliveries(), 6, "bob", new SignalDelivery("gw-b", 1, "bob", "s-b", "m1", "alice",
                    "bob", RawJson.of(offer), at(4), "s-a", "gw-a", 0, 0, 0L));
            send(producer, topics.signals(), 7, "carol",
                    new SignalAccepted("m2", "bob", "carol", RawJson.of(candidate), at(7), "s-b", "gw-b", 1));
            send(producer, topics.deliveries(), 8, "bob",
                    new SignalRejection("gw-b", 1, "bob", "s-b", "m2", "carol", RejectionReason.NO_SESSION, 0, 1L));
            send(producer, topics.sessionEvents(), 9, "carol",
                    new SessionCreated("carol", "s-c", "sha256:z", "gw-a", "http://gw-a/ws", 0, at(9), at(10)));
            send(producer, topics.sessionEvents(), 10, "carol", new SessionExpired("carol", "s-c", at(10)));
            send(producer, topics.sessionEvents(), 11, "alice",
                    new SessionDeleted("alice", "s-a", DeleteReason.CONNECTION_CLOSED, at(11)));
            producer
                .send(new ProducerRecord<>(topics.signals().name(), null, at(12).toEpochMilli(), "dave",
                        "this is not json".getBytes()))
                .get();
        }
    }

    @AfterAll
    static void stop() {
        broker.destroy();
    }

    static Instant at(int second) {
        return T0.plusSeconds(second);
    }

    static <V> void send(KafkaProducer<String, byte[]> producer, Topic<String, V> topic, int second, String key,
            V value) throws Exception {
        byte[] bytes = topic.valueSerde().serializer().serialize(topic.name(), value);
        producer.send(new ProducerRecord<>(topic.name(), null, at(second).toEpochMilli(), key, bytes)).get();
    }

    static Run audit(String... args) {
        return auditAt(PREFIX, args);
    }

    static Run auditAt(String prefix, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--bootstrap-servers", broker.getBrokersAsString(), "--topic-prefix", prefix));
        int code = new CommandLine(new AuditCommand()).setOut(new PrintWriter(out))
            .setErr(new PrintWriter(err))
            .execute(all.toArray(String[]::new));
        return new Run(code, out.toString(), err.toString());
    }

    static List<String> kinds(Run run) {
        return run.lines().stream().map(l -> l.path("kind").asString() + " " + who(l)).toList();
    }

    static String who(JsonNode line) {
        return line.has("from") ? line.path("from").asString() + "->" + line.path("to").asString()
                : line.path("userId").asString();
    }

    @Test
    void replaysTheWholeHistoryInTimeOrder() {
        Run run = audit("replay", "--format", "jsonl");

        assertThat(run.exitCode()).isZero();
        assertThat(kinds(run)).containsExactly("session-created alice", "session-created bob", "session-refused bob",
                "session-acked alice", "signal-accepted alice->bob", "session-acked bob", "signal-delivered alice->bob",
                "signal-accepted bob->carol", "signal-rejected bob->carol", "session-created carol",
                "session-expired carol", "session-deleted alice");
        JsonNode first = run.lines().get(0);
        assertThat(first.path("at").asString()).isEqualTo("2026-01-01T10:00:00Z");
        assertThat(first.path("sessionId").asString()).isEqualTo("s-a");
        assertThat(first.path("gatewayId").asString()).isEqualTo("gw-a");
        assertThat(first.path("topic").asString()).isEqualTo("audit-replay.session-events");
        assertThat(run.lines().get(2).path("reason").asString()).isEqualTo("user-id-taken");
        assertThat(run.lines().get(4).path("content").path("sdp").asString()).isEqualTo("v=0 IN IP4 192.0.2.1");
        assertThat(run.lines().get(8).path("reason").asString()).isEqualTo("no-session");
        assertThat(run.lines().get(11).path("reason").asString()).isEqualTo("connection-closed");
        assertThat(run.err()).contains("skipped unreadable record audit-replay.signals");
    }

    @Test
    void filtersByUserAsOwnerSenderOrRecipient() {
        Run run = audit("replay", "--format", "jsonl", "--user", "carol");

        assertThat(kinds(run)).containsExactly("signal-accepted bob->carol", "signal-rejected bob->carol",
                "session-created carol", "session-expired carol");
    }

    @Test
    void filtersByTimeRangeWithInstants() {
        Run run = audit("replay", "--format", "jsonl", "--since", at(3).toString(), "--until", at(6).toString());

        assertThat(kinds(run)).containsExactly("session-acked alice", "signal-accepted alice->bob", "session-acked bob",
                "signal-delivered alice->bob");
    }

    @Test
    void aDurationBackFromNowAfterTheHistoryFindsNothing() {
        Run run = audit("replay", "--format", "jsonl", "--since", "10m");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isBlank();
    }

    @Test
    void redactionDropsEverySignalContent() {
        Run run = audit("replay", "--format", "jsonl", "--redact");

        assertThat(run.lines()).hasSize(12).allSatisfy(l -> assertThat(l.has("content")).isFalse());
        assertThat(run.out()).doesNotContain("192.0.2.1").doesNotContain("198.51.100.7");
    }

    @Test
    void textFormatIsOneAlignedLinePerEntry() {
        Run run = audit("replay", "--user", "bob");

        List<String> lines = run.out().lines().toList();
        assertThat(lines).hasSize(7);
        assertThat(lines.get(0)).startsWith("2026-01-01T10:00:01Z")
            .contains("session-created")
            .contains("bob")
            .contains("gateway=gw-b");
        assertThat(lines).allSatisfy(l -> assertThat(l.indexOf("  ", 20)).isEqualTo(lines.get(0).indexOf("  ", 20)));
        assertThat(lines.get(1)).contains("reason=user-id-taken");
    }

    @Test
    void aSignalRoutedAtTheEdgeIsAcceptedOnceAndDeliveredAndReceiptsAreNotShown() throws Exception {
        String prefix = "audit-edge";
        Topics t = Topics.from(TopicsProperties.defaults(prefix));
        broker.addTopics(
                t.newTopics(TopicsProperties.defaults(prefix)).toArray(org.apache.kafka.clients.admin.NewTopic[]::new));
        JsonNode offer = Json.mapper().readTree("{\"type\":\"offer\",\"sdp\":\"v=0 IN IP4 203.0.113.9\"}");
        JsonNode answer = Json.mapper().readTree("{\"type\":\"answer\",\"sdp\":\"v=0 IN IP4 203.0.113.10\"}");
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()), new StringSerializer(),
                new ByteArraySerializer())) {
            // m1 through the relay: its signals record, its delivery, the receipt for
            // alice's gateway.
            send(producer, t.signals(), 1, "bob",
                    new SignalAccepted("m1", "alice", "bob", RawJson.of(offer), at(1), "s-a", "gw-a", 0));
            send(producer, t.deliveries(), 2, "bob", new SignalDelivery("gw-b", 1, "bob", "s-b", "m1", "alice", "bob",
                    RawJson.of(offer), at(1), "s-a", "gw-a", 0, 0, 0L));
            send(producer, t.deliveries(), 2, "alice",
                    new SignalReceipt("gw-a", 0, "alice", "s-a", "m1", "bob", 0, 0L));
            // m2 straight from alice's gateway to bob's: the direct delivery is its only
            // record.
            send(producer, t.deliveries(), 3, "bob", new SignalDelivery("gw-b", 1, "bob", "s-b", "m2", "alice", "bob",
                    RawJson.of(answer), at(3), "s-a", "gw-a", 0, SignalDelivery.DIRECT, SignalDelivery.DIRECT));
            send(producer, t.sessionEvents(), 4, "carol",
                    new SessionCreated("carol", "s-c", "sha256:z", "gw-a", "http://gw-a/ws", 0, at(4), at(34)));
        }

        Run all = auditAt(prefix, "replay", "--format", "jsonl");

        assertThat(all.exitCode()).isZero();
        assertThat(all.lines()).extracting(l -> l.path("kind").asString() + " " + l.path("signalId").asString(""))
            .containsExactly("signal-accepted m1", "signal-delivered m1", "signal-accepted m2", "signal-delivered m2",
                    "session-created ");
        JsonNode accepted = all.lines().get(2);
        assertThat(accepted.path("topic").asString()).isEqualTo(prefix + ".deliveries");
        assertThat(accepted.path("offset").asLong()).isEqualTo(all.lines().get(3).path("offset").asLong());
        assertThat(accepted.path("from").asString()).isEqualTo("alice");
        assertThat(accepted.path("to").asString()).isEqualTo("bob");
        assertThat(accepted.path("sessionId").asString()).isEqualTo("s-a");
        assertThat(accepted.path("gatewayId").asString()).isEqualTo("gw-a");
        assertThat(accepted.path("content")).isEqualTo(answer);
        assertThat(all.out()).doesNotContain("receipt");
        assertThat(all.err()).doesNotContain("skipped");

        for (String user : List.of("alice", "bob")) {
            assertThat(kinds(auditAt(prefix, "replay", "--format", "jsonl", "--user", user))).as("--user %s", user)
                .containsExactly("signal-accepted alice->bob", "signal-delivered alice->bob",
                        "signal-accepted alice->bob", "signal-delivered alice->bob");
        }
        assertThat(kinds(auditAt(prefix, "replay", "--format", "jsonl", "--user", "carol")))
            .containsExactly("session-created carol");
        assertThat(kinds(auditAt(prefix, "replay", "--format", "jsonl", "--since", at(3).toString())))
            .containsExactly("signal-accepted alice->bob", "signal-delivered alice->bob", "session-created carol");
        assertThat(auditAt(prefix, "replay", "--format", "jsonl", "--redact").out()).doesNotContain("203.0.113");
    }

    @Test
    void badArgumentsAreUsageErrors() {
        assertThat(audit("replay", "--since", "yesterday").exitCode()).isEqualTo(2);
        assertThat(audit("replay", "--format", "xml").exitCode()).isEqualTo(2);
    }

    /** Where a record landed: what the timeline is ordered by. */
    record Landed(long timestamp, int topicOrder, int partition, long offset) {
    }

    static Landed landed(TimelineEntry e, Topics t) {
        List<String> order = List.of(t.sessionEvents().name(), t.signals().name(), t.deliveries().name());
        return new Landed(e.at().toEpochMilli(), order.indexOf(e.topic()), e.partition(), e.offset());
    }

    @Test
    void streamsAHistoryInTimelineOrderHoldingAFewEntriesPerPartition() throws Exception {
        String prefix = "audit-stream";
        Topics t = Topics.from(TopicsProperties.defaults(prefix));
        broker.addTopics(
                t.newTopics(TopicsProperties.defaults(prefix)).toArray(org.apache.kafka.clients.admin.NewTopic[]::new));
        JsonNode content = Json.mapper().readTree("{\"type\":\"offer\",\"sdp\":\"v=0\"}");
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        List<Integer> orders = new ArrayList<>();
        try (KafkaProducer<String, byte[]> producer = bulkProducer()) {
            // signals partition 0 runs far ahead in time: without pausing it, the merge
            // would hold all of it
            for (int i = 0; i < 1_500; i++) {
                sent.add(sendTo(producer, t.signals(), 0, T0.plusSeconds(1_000).plusMillis(i),
                        new SignalAccepted("late-" + i, "alice", "bob", RawJson.of(content), T0, "s-a", "gw-a", 0)));
                orders.add(1);
            }
            // every other partition: 20 records, four to a timestamp, so ties across
            // partitions and topics abound
            for (int i = 0; i < 20; i++) {
                Instant at = T0.plusSeconds(i / 4);
                for (int p = 1; p < 12; p++) {
                    sent.add(sendTo(producer, t.signals(), p, at, new SignalAccepted("m-" + p + "-" + i, "alice", "bob",
                            RawJson.of(content), at, "s-a", "gw-a", 0)));
                    orders.add(1);
                }
                for (int p = 0; p < 12; p++) {
                    sent.add(
                            sendTo(producer, t.sessionEvents(), p, at, new SessionAcked("u" + p, "s" + i, "gw-a", at)));
                    orders.add(0);
                }
                for (int p = 0; p < 4; p++) {
                    sent.add(sendTo(producer, t.deliveries(), p, at, new SignalRejection("gw-b", p, "bob", "s-b",
                            "m-" + i, "carol", RejectionReason.NO_SESSION, 0, i)));
                    orders.add(2);
                }
            }
            producer.flush();
        }
        List<Landed> expected = new ArrayList<>();
        for (int i = 0; i < sent.size(); i++) {
            RecordMetadata m = sent.get(i).get();
            expected.add(new Landed(m.timestamp(), orders.get(i), m.partition(), m.offset()));
        }
        expected.sort(Comparator.comparingLong(Landed::timestamp)
            .thenComparingInt(Landed::topicOrder)
            .thenComparingInt(Landed::partition)
            .thenComparingLong(Landed::offset));
        int capacity = 8;
        List<Landed> got = new ArrayList<>();

        try (HistoryReader reader = new HistoryReader(broker.getBrokersAsString(), t, null, capacity)) {
            long emitted = reader.replay(new ReplayQuery(null, null, null, false), e -> got.add(landed(e, t)));

            assertThat(emitted).isEqualTo(expected.size());
            int lanes = 12 + 12 + 16;
            assertThat(reader.peakBuffered()).isLessThanOrEqualTo(lanes * (2L * capacity - 1));
        }
        assertThat(got).containsExactlyElementsOf(expected);
    }

    @Test
    void followPrintsTheHistoryThenNewRecordsAsTheyCome() throws Exception {
        String prefix = "audit-follow";
        Topics t = Topics.from(TopicsProperties.defaults(prefix));
        broker.addTopics(
                t.newTopics(TopicsProperties.defaults(prefix)).toArray(org.apache.kafka.clients.admin.NewTopic[]::new));
        List<TimelineEntry> got = new CopyOnWriteArrayList<>();
        AtomicInteger checks = new AtomicInteger();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()), new StringSerializer(),
                new ByteArraySerializer());
                HistoryReader reader = new HistoryReader(broker.getBrokersAsString(), t, null)) {
            send(producer, t.sessionEvents(), 0, "dave",
                    new SessionCreated("dave", "s-d", "sha256:d", "gw-a", "http://gw-a/ws", 0, at(0), at(30)));
            send(producer, t.sessionEvents(), 1, "dave", new SessionAcked("dave", "s-d", "gw-a", at(1)));

            reader.follow(new ReplayQuery("dave", null, null, false), got::add, () -> {
                if (checks.getAndIncrement() == 0) { // the history is out: now something
                                                     // new happens
                    assertThat(got).extracting(TimelineEntry::kind).containsExactly("session-created", "session-acked");
                    try {
                        send(producer, t.sessionEvents(), 2, "dave",
                                new SessionDeleted("dave", "s-d", DeleteReason.CONNECTION_CLOSED, at(2)));
                    }
                    catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }
                return got.size() < 3 && System.nanoTime() < deadline;
            });
        }
        assertThat(got).extracting(TimelineEntry::kind)
            .containsExactly("session-created", "session-acked", "session-deleted");
    }

    /**
     * Not idempotent (one that meets NOT_LEADER on fresh partitions can wedge on
     * OUT_OF_ORDER_SEQUENCE), and one request in flight, so a retry cannot put a
     * partition's records out of their timestamps' order.
     */
    static KafkaProducer<String, byte[]> bulkProducer() {
        return new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString(),
                        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false,
                        ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1, ProducerConfig.LINGER_MS_CONFIG, 5),
                new StringSerializer(), new ByteArraySerializer());
    }

    static <V> Future<RecordMetadata> sendTo(KafkaProducer<String, byte[]> producer, Topic<String, V> topic,
            int partition, Instant at, V value) {
        byte[] bytes = topic.valueSerde().serializer().serialize(topic.name(), value);
        return producer.send(new ProducerRecord<>(topic.name(), partition, at.toEpochMilli(), "k", bytes));
    }

}

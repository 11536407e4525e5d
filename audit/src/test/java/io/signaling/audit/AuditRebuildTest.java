package io.signaling.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.signaling.audit.cli.AuditCommand;
import io.signaling.audit.cli.ExitCodes;
import io.signaling.audit.rebuild.TableRebuilder;
import io.signaling.schemas.session.DeleteReason;
import io.signaling.schemas.session.SessionAcked;
import io.signaling.schemas.session.SessionCreated;
import io.signaling.schemas.session.SessionDeleted;
import io.signaling.schemas.session.SessionState;
import io.signaling.schemas.topic.Topic;
import io.signaling.schemas.topic.Topics;
import io.signaling.schemas.topic.TopicsProperties;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import picocli.CommandLine;

/**
 * {@code audit rebuild} against a real broker: the table folded from the event log and
 * the live table read from the sessions topic, tombstones applied, unreadable records
 * skipped and counted, a difference reported, a missing topic named.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class AuditRebuildTest {

    static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");

    static EmbeddedKafkaKraftBroker broker;

    static final Topics SAME = topics("rebuild-same");

    static final Topics DIFFERENT = topics("rebuild-different");

    static final SessionCreated ALICE = new SessionCreated("alice", "s-a", "sha256:x", "gw-a", "http://gw-a/ws", 0, T0,
            T0.plusSeconds(30));

    static final SessionState ALICE_ROW = new SessionState("alice", "s-a", "sha256:x", "gw-a", "http://gw-a/ws", 0,
            true, T0, T0.plusSeconds(30), T0.plusSeconds(1));

    static final SessionCreated BOB = new SessionCreated("bob", "s-b", "sha256:y", "gw-b", "http://gw-b/ws", 1, T0,
            T0.plusSeconds(30));

    @BeforeAll
    static void writeHistories() throws Exception {
        broker = new EmbeddedKafkaKraftBroker(1, 1);
        broker.afterPropertiesSet();
        for (String prefix : new String[] { "rebuild-same", "rebuild-different" }) {
            broker.addTopics(topics(prefix).newTopics(TopicsProperties.defaults(prefix)).toArray(NewTopic[]::new));
        }
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()), new StringSerializer(),
                new ByteArraySerializer())) {
            for (Topics topics : new Topics[] { SAME, DIFFERENT }) {
                send(producer, topics.sessionEvents(), "alice", ALICE);
                send(producer, topics.sessionEvents(), "alice",
                        new SessionAcked("alice", "s-a", "gw-a", T0.plusSeconds(1)));
                send(producer, topics.sessionEvents(), "bob", BOB);
                send(producer, topics.sessionEvents(), "bob",
                        new SessionDeleted("bob", "s-b", DeleteReason.CONNECTION_CLOSED, T0.plusSeconds(2)));
                sendRaw(producer, topics.sessionEvents().name(), "carol", "not an event");
                send(producer, topics.sessions(), "alice", ALICE_ROW);
                sendRaw(producer, topics.sessions().name(), "dave", "{\"not\":\"a row\"}");
            }
            send(producer, SAME.sessions(), "bob", (SessionState) null);
            // the relay never wrote bob's tombstone here: the live table still has him
            send(producer, DIFFERENT.sessions(), "bob", new SessionState("bob", "s-b", "sha256:y", "gw-b",
                    "http://gw-b/ws", 1, false, T0, T0.plusSeconds(30), null));
        }
    }

    @AfterAll
    static void stop() {
        broker.destroy();
    }

    @Test
    void theTableFoldedFromEventsAndTheLiveTableSkipTheUnreadable() {
        try (TableRebuilder rebuilder = new TableRebuilder(broker.getBrokersAsString(), SAME)) {
            assertThat(rebuilder.rebuildFromEvents()).isEqualTo(Map.of("alice", ALICE_ROW));
            assertThat(rebuilder.unreadable()).isEqualTo(1);
            assertThat(rebuilder.liveTable()).isEqualTo(Map.of("alice", ALICE_ROW));
            assertThat(rebuilder.unreadable()).isEqualTo(2);
        }
    }

    @Test
    void equalTablesAreOk() {
        Run run = audit("rebuild", "--attempts", "1", "--topic-prefix", "rebuild-same");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).startsWith("session table OK: 1 live sessions");
    }

    @Test
    void aRowTheEventsDoNotHaveIsADifference() {
        Run run = audit("rebuild", "--attempts", "1", "--topic-prefix", "rebuild-different");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.TABLES_DIFFER);
        assertThat(run.out()).contains("session table DIFFERS: 1 rows disagree").contains("bob");
    }

    @Test
    void aMissingTopicIsNamedNotReadAsAnEmptyTable() {
        Run run = audit("rebuild", "--attempts", "1", "--topic-prefix", "rebuild-missing");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.KAFKA_UNAVAILABLE);
        assertThat(run.err()).contains("rebuild-missing.session-events");
        assertThat(run.out()).isEmpty();
    }

    record Run(int exitCode, String out, String err) {
    }

    static Run audit(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--bootstrap-servers";
        all[args.length + 1] = broker.getBrokersAsString();
        int code = new CommandLine(new AuditCommand()).setOut(new PrintWriter(out))
            .setErr(new PrintWriter(err))
            .execute(all);
        return new Run(code, out.toString(), err.toString());
    }

    static Topics topics(String prefix) {
        return Topics.from(TopicsProperties.defaults(prefix));
    }

    static <V> void send(KafkaProducer<String, byte[]> producer, Topic<String, V> topic, String key, V value)
            throws Exception {
        byte[] bytes = value == null ? null : topic.valueSerde().serializer().serialize(topic.name(), value);
        producer.send(new ProducerRecord<>(topic.name(), key, bytes)).get();
    }

    static void sendRaw(KafkaProducer<String, byte[]> producer, String topic, String key, String value)
            throws Exception {
        producer.send(new ProducerRecord<>(topic, key, value.getBytes(StandardCharsets.UTF_8))).get();
    }

}

package io.signaling.session.view;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.signaling.schemas.gateway.GatewayHeartbeat;
import io.signaling.schemas.session.SessionCreated;
import io.signaling.schemas.session.SessionEvent;
import io.signaling.schemas.session.SessionRefused;
import io.signaling.schemas.session.SessionState;
import io.signaling.schemas.topic.Topic;
import io.signaling.schemas.topic.Topics;
import io.signaling.schemas.topic.TopicsProperties;
import io.signaling.session.gateways.HeartbeatTable;
import io.signaling.session.system.SessionProperties;
import io.signaling.session.testing.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class ViewRecordsTest {

    private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");

    private final Topics topics = Topics.from(TopicsProperties.defaults("unit"));

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    private final SessionTableView sessions = new SessionTableView(meters);

    private final HeartbeatTable gateways = new HeartbeatTable(new MutableClock(NOW),
            new SessionProperties(Duration.ofSeconds(10), Duration.ofSeconds(5)));

    private final OutcomeWaiters outcomes = new OutcomeWaiters(meters);

    private final ViewRecords records = new ViewRecords(topics, sessions, gateways, outcomes, meters);

    @Test
    void sessionRowsAndTombstonesFollowTheTopic() {
        SessionState row = new SessionState("alice", "s1", "sha256:x", "gw-1", "http://g/ws", 0, false, NOW,
                NOW.plusSeconds(30), null);

        records.apply(record(topics.sessions(), "alice", encode(topics.sessions(), row)));
        assertThat(sessions.find("alice")).contains(row);

        records.apply(record(topics.sessions(), "alice", null));
        assertThat(sessions.find("alice")).isEmpty();
    }

    @Test
    void heartbeatsAndTombstonesFollowTheTopic() {
        GatewayHeartbeat beat = new GatewayHeartbeat("gw-1", "http://g/ws", List.of(0), 3, 0, false, NOW, NOW);

        records.apply(record(topics.gateways(), "gw-1", encode(topics.gateways(), beat)));
        assertThat(gateways.live()).containsExactly(beat);

        records.apply(record(topics.gateways(), "gw-1", null));
        assertThat(gateways.live()).isEmpty();
    }

    @Test
    void sessionEventsCompleteOnlyTheWaiterOfTheirSession() {
        CompletableFuture<SessionEvent> mine = outcomes.next("s1", SessionCreated.class::isInstance);
        CompletableFuture<SessionEvent> other = outcomes.next("s2", SessionCreated.class::isInstance);
        SessionEvent refused = new SessionRefused("alice", "s1", SessionRefused.USER_ID_TAKEN, NOW);
        SessionEvent created = new SessionCreated("alice", "s1", "sha256:x", "gw-1", "http://g/ws", 0, NOW,
                NOW.plusSeconds(30));

        records.apply(record(topics.sessionEvents(), "alice", encode(topics.sessionEvents(), refused)));
        assertThat(mine).isNotDone(); // not what it waits for
        records.apply(record(topics.sessionEvents(), "alice", encode(topics.sessionEvents(), created)));

        assertThat(mine).isCompletedWithValue(created);
        assertThat(other).isNotDone();
        assertThat(meters.get("signaling.session.waiting").tag("for", "decision").gauge().value()).isEqualTo(1);
        other.cancel(false);
        assertThat(meters.get("signaling.session.waiting").tag("for", "decision").gauge().value()).isZero();
    }

    @Test
    void unreadableRecordsAreCountedAndSkipped() {
        byte[] garbage = "{\"type\":\"no-such-type\"}".getBytes(StandardCharsets.UTF_8);
        records.apply(record(topics.sessions(), "alice", "not json".getBytes(StandardCharsets.UTF_8)));
        records.apply(record(topics.gateways(), "gw-1", garbage));
        records.apply(record(topics.sessionEvents(), "alice", garbage));
        records.apply(record(topics.sessions(), null, null)); // no key: cannot be a row

        assertThat(sessions.find("alice")).isEmpty();
        assertThat(gateways.live()).isEmpty();
        assertThat(skipped(topics.sessions())).isEqualTo(2);
        assertThat(skipped(topics.gateways())).isEqualTo(1);
        assertThat(skipped(topics.sessionEvents())).isEqualTo(1);

        // and the next good record is read as usual
        GatewayHeartbeat beat = new GatewayHeartbeat("gw-1", "http://g/ws", List.of(0), 0, 0, false, NOW, NOW);
        records.apply(record(topics.gateways(), "gw-1", encode(topics.gateways(), beat)));
        assertThat(gateways.live()).hasSize(1);
    }

    private double skipped(Topic<String, ?> topic) {
        return meters.get("signaling.session.records.skipped").tag("topic", topic.name()).counter().count();
    }

    private static <V> byte[] encode(Topic<String, V> topic, V value) {
        return topic.valueSerde().serializer().serialize(topic.name(), value);
    }

    private static ConsumerRecord<String, byte[]> record(Topic<String, ?> topic, String key, byte[] value) {
        return new ConsumerRecord<>(topic.name(), 0, 0L, key, value);
    }

}

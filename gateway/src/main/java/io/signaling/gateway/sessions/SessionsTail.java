package io.signaling.gateway.sessions;

import io.micrometer.core.instrument.MeterRegistry;
import io.signaling.edge.ConsumerLoop;
import io.signaling.edge.SkippingDecoder;
import io.signaling.edge.TableAssignment;
import io.signaling.gateway.kafka.KafkaClients;
import io.signaling.gateway.config.GatewayIdentity;
import io.signaling.schemas.session.SessionState;
import io.signaling.schemas.topic.Topic;
import io.signaling.schemas.topic.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * One thread reading the compacted sessions topic into the {@link SessionsView}: every
 * partition, from the beginning, without a consumer group (nothing to commit: the table
 * is rebuilt on start). Whatever fails, the loop reads again from the beginning after a
 * back-off, and the view is not caught up (the gateway's health DOWN) until it has.
 */
@Component
class SessionsTail implements SmartLifecycle, ConsumerLoop.Reader {

    private static final Duration POLL = Duration.ofMillis(200);

    private final SessionsView view;

    private final Topic<String, SessionState> topic;

    private final KafkaClients clients;

    private final SkippingDecoder<SessionState> decoder;

    private final String clientId;

    private final ConsumerLoop loop;

    private List<TopicPartition> partitions = List.of(); // loop's thread only

    private TableAssignment assignment; // loop's thread only

    SessionsTail(SessionsView view, Topics topics, KafkaClients clients, GatewayIdentity identity,
            MeterRegistry meters) {
        this.view = view;
        this.topic = topics.sessions();
        this.clients = clients;
        this.decoder = new SkippingDecoder<>(topic, meters, KafkaClients.SKIPPED_RECORDS);
        this.clientId = "signaling-gateway-" + identity.id() + "-sessions";
        this.loop = new ConsumerLoop("gateway-sessions-view", this::open, POLL, this);
    }

    @Override
    public void start() {
        loop.start();
    }

    @Override
    public void stop() {
        loop.requestStop();
        view.close(); // handshakes waiting on the view give up now, not when the thread
                      // has ended
        loop.awaitStop();
    }

    @Override
    public boolean isRunning() {
        return loop.isRunning();
    }

    /** Starts before the web server accepts handshakes and stops after it. */
    @Override
    public int getPhase() {
        return 0;
    }

    private Consumer<String, byte[]> open() {
        // A short fetch wait bounds how long a handshake waiting for this view sits idle.
        return clients.consumer(clientId, null, Map.of(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 100));
    }

    @Override
    public void lost(Throwable failure) {
        view.restart();
    }

    @Override
    public void opened(Consumer<String, byte[]> c) {
        assignment = TableAssignment.assign(c, List.of(topic.name()), List.of());
        partitions = assignment.tablePartitions();
        view.startReading(partitions.size());
    }

    @Override
    public void polled(Consumer<String, byte[]> c, ConsumerRecords<String, byte[]> records) {
        for (ConsumerRecord<String, byte[]> record : records) {
            SessionState row = decoder.decode(record);
            if (decoder.applies(record, row)) { // else unreadable: skipped
                view.apply(record.key(), row);
            }
        }
        for (TopicPartition tp : partitions) {
            long position = c.position(tp);
            // The end as the last fetch reported it: handshakes wait for it instead of
            // asking the broker.
            OptionalLong lag = c.currentLag(tp);
            view.advanced(tp.partition(), position, lag.isPresent() ? position + lag.getAsLong() : -1);
        }
        if (assignment.caughtUp(c)) {
            view.markCaughtUp();
        }
        view.polled();
    }

}

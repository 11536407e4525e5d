package io.signaling.gateway.sessions;

import io.micrometer.core.instrument.MeterRegistry;
import io.signaling.gateway.kafka.ConsumerThread;
import io.signaling.gateway.kafka.KafkaClients;
import io.signaling.gateway.kafka.SkippingDecoder;
import io.signaling.gateway.system.GatewayIdentity;
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
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * One thread reading the compacted sessions topic into the {@link SessionsView}: every partition,
 * from the beginning, without a consumer group (nothing to commit: the table is rebuilt on start).
 */
@Component
class SessionsTail implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SessionsTail.class);
    private static final Duration POLL = Duration.ofMillis(200);

    private final SessionsView view;
    private final Topic<String, SessionState> topic;
    private final KafkaClients clients;
    private final SkippingDecoder<SessionState> decoder;
    private final String clientId;
    private final ConsumerThread reader;

    SessionsTail(SessionsView view, Topics topics, KafkaClients clients, GatewayIdentity identity, MeterRegistry meters) {
        this.view = view;
        this.topic = topics.sessions();
        this.clients = clients;
        this.decoder = new SkippingDecoder<>(topic, meters);
        this.clientId = "signaling-gateway-" + identity.id() + "-sessions";
        this.reader = new ConsumerThread("gateway-sessions-view", this::open, this::read, this::lost);
    }

    @Override
    public void start() {
        reader.start();
    }

    @Override
    public void stop() {
        reader.requestStop();
        view.close(); // handshakes waiting on the view give up now, not when the thread has ended
        reader.awaitStop();
    }

    @Override
    public boolean isRunning() {
        return reader.isRunning();
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

    private void lost(KafkaException e) {
        log.warn("Sessions view lost its consumer, reading again from the beginning: {}", e.toString());
        view.restart();
    }

    private void read(Consumer<String, byte[]> c) {
        List<TopicPartition> partitions = c.partitionsFor(topic.name()).stream()
                .map(info -> new TopicPartition(info.topic(), info.partition()))
                .toList();
        if (partitions.isEmpty()) {
            throw new KafkaException("topic " + topic.name() + " has no partitions yet");
        }
        view.startReading(partitions.size());
        c.assign(partitions);
        c.seekToBeginning(partitions);
        Map<TopicPartition, Long> startEnds = c.endOffsets(partitions);
        while (reader.isRunning()) {
            for (ConsumerRecord<String, byte[]> record : c.poll(POLL)) {
                SessionState row = decoder.decode(record);
                if (record.key() != null && (row != null || record.value() == null)) { // else unreadable: skipped
                    view.apply(record.key(), row);
                }
            }
            boolean all = true;
            for (TopicPartition tp : partitions) {
                long position = c.position(tp);
                // The end as the last fetch reported it: handshakes wait for it instead of asking the broker.
                OptionalLong lag = c.currentLag(tp);
                view.advanced(tp.partition(), position, lag.isPresent() ? position + lag.getAsLong() : -1);
                all &= position >= startEnds.get(tp);
            }
            if (all) {
                view.markCaughtUp();
            }
            view.polled();
        }
    }
}

package io.signaling.session.view;

import io.signaling.edge.ConsumerLoop;
import io.signaling.edge.TableAssignment;
import io.signaling.schemas.topic.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The one thread that feeds every view: the sessions and gateways tables from the
 * beginning, and session events from the end (only outcomes of requests made from now on
 * matter).
 *
 * <p>
 * A plain consumer with {@code assign()} and no group: every instance must read every
 * partition (an outcome may land on any of them), nothing is committed because the views
 * are rebuilt at each start, and there is no rebalance to pause the reads. The
 * session-events positions are resolved before the first poll, hence before the views can
 * be caught up, which /connect waits for: no outcome of a command sent by this instance
 * can slip by unread.
 *
 * <p>
 * Whatever fails (the broker, a record the views cannot apply), the {@link ConsumerLoop}
 * opens a new consumer after a back-off and the tables are read again from the beginning;
 * until they have caught up, the views say so ({@link SessionView#isCaughtUp()}, hence
 * health DOWN and /connect 503).
 */
@Component
class ViewConsumer implements SmartLifecycle, ConsumerLoop.Reader {

    private static final Logger log = LoggerFactory.getLogger(ViewConsumer.class);

    private static final Duration POLL = Duration.ofMillis(100);

    private final Topics topics;

    private final Map<String, Object> config;

    private final ViewRecords records;

    private final ConsumerLoop loop;

    private TableAssignment assignment; // loop's thread only

    ViewConsumer(Topics topics, KafkaProperties kafka, ViewRecords records) {
        this.topics = topics;
        this.records = records;
        Map<String, Object> config = kafka.buildConsumerProperties();
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // a missing topic is an error to report, never one to create with broker defaults
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        config.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "session-service-views");
        // a short API timeout keeps start-up retries responsive while the broker is away
        config.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000);
        this.config = config;
        this.loop = new ConsumerLoop("session-views", this::open, POLL, this);
    }

    /**
     * Before the web server (phase DEFAULT_PHASE - 2048) starts and after it has drained
     * on stop.
     */
    @Override
    public int getPhase() {
        return 0;
    }

    @Override
    public void start() {
        loop.start();
    }

    @Override
    public void stop() {
        loop.stop();
    }

    @Override
    public boolean isRunning() {
        return loop.isRunning();
    }

    private Consumer<String, byte[]> open() {
        return new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
    }

    @Override
    public void opened(Consumer<String, byte[]> c) {
        assignment = TableAssignment.assign(c, List.of(topics.sessions().name(), topics.gateways().name()),
                List.of(topics.sessionEvents().name()));
        log.info("View consumer assigned; catching up to {} records", assignment.recordsToCatchUp());
    }

    @Override
    public void polled(Consumer<String, byte[]> c, ConsumerRecords<String, byte[]> polled) {
        for (ConsumerRecord<String, byte[]> record : polled) {
            records.apply(record);
        }
        if (assignment.caughtUp(c)) {
            records.markCaughtUp();
        }
    }

    @Override
    public void lost(Throwable failure) {
        records.restart();
    }

}

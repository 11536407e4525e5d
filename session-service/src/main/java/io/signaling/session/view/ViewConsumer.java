package io.signaling.session.view;

import io.signaling.schemas.topic.Topic;
import io.signaling.schemas.topic.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.stereotype.Component;

/**
 * The one thread that feeds every view: the sessions and gateways tables from the beginning, and
 * session events from the end (only outcomes of requests made from now on matter).
 *
 * <p>A plain consumer with {@code assign()} and no group: every instance must read every partition
 * (an outcome may land on any of them), nothing is committed because the views are rebuilt at each
 * start, and there is no rebalance to pause the reads. The session-events positions are resolved
 * before the first poll, hence before the views can be caught up, which /connect waits for: no
 * outcome of a command sent by this instance can slip by unread.
 */
@Component
class ViewConsumer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ViewConsumer.class);
    private static final Duration POLL = Duration.ofMillis(100);
    private static final long RETRY_MILLIS = 1000;

    private final Topics topics;
    private final Map<String, Object> config;
    private final ViewRecords records;
    private final SessionTableView sessions;
    private final KafkaAdmin kafkaAdmin;

    private volatile boolean running;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private Thread thread;
    private Map<TopicPartition, Long> catchUpTargets = Map.of(); // consumer thread only

    ViewConsumer(Topics topics, KafkaProperties kafka, ViewRecords records, SessionTableView sessions,
            KafkaAdmin kafkaAdmin) {
        this.topics = topics;
        this.records = records;
        this.sessions = sessions;
        this.kafkaAdmin = kafkaAdmin;
        Map<String, Object> config = kafka.buildConsumerProperties();
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // a missing topic must be created with its layout (compacted, partitions), never by broker defaults
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        config.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "session-service-views");
        // a short API timeout keeps start-up retries responsive while the broker is away
        config.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000);
        this.config = config;
    }

    /** Before the web server (phase DEFAULT_PHASE - 2048) starts and after it has drained on stop. */
    @Override
    public int getPhase() {
        return 0;
    }

    @Override
    public synchronized void start() {
        running = true;
        thread = new Thread(this::run, "session-views");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public synchronized void stop() {
        running = false;
        KafkaConsumer<String, byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        try {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void run() {
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(config, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer = c;
            while (running && !assign(c)) {
                pause();
            }
            while (running) {
                pollOnce(c);
            }
        }
        catch (WakeupException e) {
            // stop() woke us up
        }
        catch (RuntimeException e) {
            log.error("The view consumer stopped; views no longer follow Kafka", e);
        }
    }

    private boolean assign(KafkaConsumer<String, byte[]> c) {
        try {
            List<TopicPartition> sessionRows = partitions(c, topics.sessions());
            List<TopicPartition> heartbeats = partitions(c, topics.gateways());
            List<TopicPartition> events = partitions(c, topics.sessionEvents());
            if (sessionRows.isEmpty() || heartbeats.isEmpty() || events.isEmpty()) {
                // the broker may have been away when KafkaAdmin tried at start-up: try again
                log.info("Topics missing; creating them");
                kafkaAdmin.initialize();
                return false;
            }
            List<TopicPartition> tables = new ArrayList<>(sessionRows);
            tables.addAll(heartbeats);
            List<TopicPartition> all = new ArrayList<>(tables);
            all.addAll(events);
            c.assign(all);
            c.seekToBeginning(tables);
            c.seekToEnd(events);
            events.forEach(c::position); // resolve now, see class comment
            catchUpTargets = c.endOffsets(tables);
            log.info("View consumer assigned {} partitions; catching up to {} records", all.size(),
                    catchUpTargets.values().stream().mapToLong(Long::longValue).sum());
            return true;
        }
        catch (WakeupException e) {
            throw e;
        }
        catch (RuntimeException e) {
            log.warn("Kafka not reachable yet for the views ({}); retrying", e.getClass().getSimpleName());
            return false;
        }
    }

    private static List<TopicPartition> partitions(KafkaConsumer<String, byte[]> c, Topic<String, ?> topic) {
        List<PartitionInfo> infos = c.partitionsFor(topic.name());
        if (infos == null) {
            return List.of(); // the topic does not exist (yet)
        }
        return infos.stream().map(info -> new TopicPartition(info.topic(), info.partition())).toList();
    }

    private void pollOnce(KafkaConsumer<String, byte[]> c) {
        try {
            for (ConsumerRecord<String, byte[]> record : c.poll(POLL)) {
                records.apply(record);
            }
            if (!sessions.isCaughtUp() && reachedTargets(c)) {
                sessions.markCaughtUp();
                log.info("Views caught up");
            }
        }
        catch (WakeupException e) {
            throw e;
        }
        catch (KafkaException e) {
            log.warn("View consumer poll failed ({}); retrying", e.getClass().getSimpleName());
            pause();
        }
    }

    private boolean reachedTargets(KafkaConsumer<String, byte[]> c) {
        for (Map.Entry<TopicPartition, Long> target : catchUpTargets.entrySet()) {
            if (c.position(target.getKey()) < target.getValue()) {
                return false;
            }
        }
        return true;
    }

    private void pause() {
        try {
            Thread.sleep(RETRY_MILLIS);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}

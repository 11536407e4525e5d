package io.signaling.gateway.delivery;

import io.micrometer.core.instrument.MeterRegistry;
import io.signaling.edge.ConsumerLoop;
import io.signaling.edge.SkippingDecoder;
import io.signaling.gateway.kafka.KafkaClients;
import io.signaling.gateway.signal.AdmissionControl;
import io.signaling.gateway.config.GatewayIdentity;
import io.signaling.gateway.config.GatewayProperties;
import io.signaling.schemas.delivery.Delivery;
import io.signaling.schemas.delivery.SignalDelivery;
import io.signaling.schemas.delivery.SignalReceipt;
import io.signaling.schemas.topic.Topic;
import io.signaling.schemas.topic.Topics;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The one consumer of this gateway's deliveries partitions, by {@code assign()}: it never
 * joins a group rebalance and never reads other gateways' partitions. The group id only
 * keeps its committed position, so a restart with the same gateway id resumes there (a
 * first start reads from the end: older deliveries were for connections this process
 * never had).
 *
 * <p>
 * How late each record is read goes to {@link AdmissionControl}: now minus the record's
 * timestamp, which the relay carries over from the record it acted on. For a signal
 * routed at once that is the {@code SignalAccepted} record, appended when the sender's
 * gateway accepted it; for a signal held until its recipient connected it is that
 * connection's report, so the time it was held for someone who was not there yet does not
 * count as the path being late.
 */
@Component
public class DeliverySource implements SmartLifecycle, ConsumerLoop.Reader {

    private static final Logger log = LoggerFactory.getLogger(DeliverySource.class);

    private static final Duration POLL = Duration.ofMillis(200);

    private final Topic<String, Delivery> topic;

    private final KafkaClients clients;

    private final DeliveryDispatcher dispatcher;

    private final SkippingDecoder<Delivery> decoder;

    private final GatewayIdentity identity;

    private final AdmissionControl admission;

    private final Clock clock;

    private final List<TopicPartition> partitions;

    private final ConsumerLoop reader;

    private final long batchWaitNanos;

    private volatile boolean assigned;

    DeliverySource(Topics topics, KafkaClients clients, DeliveryDispatcher dispatcher, GatewayIdentity identity,
            AdmissionControl admission, Clock clock, MeterRegistry meters, GatewayProperties properties) {
        this.batchWaitNanos = properties.deliveriesBatchWait().toNanos();
        this.topic = topics.deliveries();
        this.clients = clients;
        this.dispatcher = dispatcher;
        this.identity = identity;
        this.admission = admission;
        this.clock = clock;
        this.decoder = new SkippingDecoder<>(topic, meters, KafkaClients.SKIPPED_RECORDS);
        this.partitions = identity.deliveryPartitions()
            .stream()
            .map(partition -> new TopicPartition(topic.name(), partition))
            .toList();
        this.reader = new ConsumerLoop("gateway-deliveries", this::open, POLL, this);
    }

    /**
     * True once the partitions are assigned and their read position is known: deliveries
     * from now on are seen.
     */
    public boolean assigned() {
        return assigned;
    }

    @Override
    public void start() {
        reader.start();
    }

    @Override
    public void stop() {
        reader.stop();
        assigned = false;
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
        String id = "signaling-gateway-" + identity.id();
        // fetch.max.wait.ms keeps its 500 ms default: with fetch.min.bytes 1 the broker
        // answers a fetch as soon
        // as a delivery is there, so a shorter wait buys no latency, only empty fetches
        // (docs/performance.md).
        Map<String, Object> overrides = Map.of(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, true, ConsumerConfig.AUTO_COMMIT_INTERVAL_MS_CONFIG, 1000);
        return clients.consumer(id + "-deliveries", id, overrides);
    }

    @Override
    public void opened(Consumer<String, byte[]> c) {
        c.assign(partitions);
        for (TopicPartition tp : partitions) {
            c.position(tp); // resolves committed or latest now, so nothing written after
                            // "assigned" is missed
        }
        assigned = true;
        log.info("Delivery source reading {} partitions {}", topic.name(), identity.deliveryPartitions());
    }

    @Override
    public void polled(Consumer<String, byte[]> c, ConsumerRecords<String, byte[]> records) {
        long polledAt = System.nanoTime();
        for (ConsumerRecord<String, byte[]> record : records) {
            Delivery delivery = decoder.decode(record);
            if (!(delivery instanceof SignalReceipt)) { // for the sender's gateway, not a
                                                        // signal on its way to a client
                                                        // here
                admission.delivered(TimeUnit.MILLISECONDS.toNanos(clock.millis() - record.timestamp()));
            }
            if (delivery instanceof SignalDelivery signal && signal.direct()) {
                // No signals record: named by where it is read, for the dedup and for a
                // rejection to find its ack.
                delivery = signal.withSource(SignalDelivery.directSource(record.partition()), record.offset());
            }
            if (delivery != null) {
                dispatch(delivery, record);
            }
        }
        if (!records.isEmpty()) {
            holdNextPoll(polledAt);
        }
    }

    @Override
    public void lost(Throwable failure) {
        assigned = false;
    }

    /**
     * After a poll that brought deliveries, holds the next poll (and with it the next
     * fetch, which the consumer sends from poll) until {@code deliveries-batch-wait}
     * after this one: under load a fetch then carries what came in meanwhile instead of
     * one delivery; a poll that brought nothing is followed at once, so a quiet gateway
     * waits for nothing (docs/performance.md).
     */
    private void holdNextPoll(long polledAt) {
        long left = polledAt + batchWaitNanos - System.nanoTime();
        if (batchWaitNanos > 0 && left > 0) {
            LockSupport.parkNanos(left);
        }
    }

    private void dispatch(Delivery delivery, ConsumerRecord<String, byte[]> record) {
        try {
            dispatcher.dispatch(delivery);
        }
        catch (RuntimeException e) {
            // coordinates and the exception's class: its message may quote the signal
            log.error("Delivery {}-{}@{} failed ({})", record.topic(), record.partition(), record.offset(),
                    e.getClass().getName());
        }
    }

}

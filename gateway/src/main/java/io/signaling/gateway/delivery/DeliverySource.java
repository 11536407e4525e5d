package io.signaling.gateway.delivery;

import io.micrometer.core.instrument.MeterRegistry;
import io.signaling.gateway.kafka.KafkaClients;
import io.signaling.gateway.kafka.SkippingDecoder;
import io.signaling.gateway.system.GatewayIdentity;
import io.signaling.schemas.delivery.Delivery;
import io.signaling.schemas.topic.Topic;
import io.signaling.schemas.topic.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The one consumer of this gateway's deliveries partitions, by {@code assign()}: it never joins a
 * group rebalance and never reads other gateways' partitions. The group id only keeps its
 * committed position, so a restart with the same gateway id resumes there (a first start reads
 * from the end: older deliveries were for connections this process never had).
 */
@Component
public class DeliverySource implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DeliverySource.class);
    private static final Duration POLL = Duration.ofMillis(200);

    private final Topic<String, Delivery> topic;
    private final KafkaClients clients;
    private final DeliveryDispatcher dispatcher;
    private final SkippingDecoder<Delivery> decoder;
    private final GatewayIdentity identity;
    private final CountDownLatch stopping = new CountDownLatch(1);
    private volatile boolean running;
    private volatile boolean assigned;
    private volatile Consumer<String, byte[]> consumer;
    private Thread thread;

    DeliverySource(Topics topics, KafkaClients clients, DeliveryDispatcher dispatcher, GatewayIdentity identity,
            MeterRegistry meters) {
        this.topic = topics.deliveries();
        this.clients = clients;
        this.dispatcher = dispatcher;
        this.identity = identity;
        this.decoder = new SkippingDecoder<>(topic, meters);
    }

    /** True once the partitions are assigned and their read position is known: deliveries from now on are seen. */
    public boolean assigned() {
        return assigned;
    }

    @Override
    public void start() {
        running = true;
        thread = new Thread(this::run, "gateway-deliveries");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void stop() {
        running = false;
        stopping.countDown();
        Consumer<String, byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        if (thread == null) {
            return;
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

    /** Starts before the web server accepts handshakes and stops after it. */
    @Override
    public int getPhase() {
        return 0;
    }

    private void run() {
        String id = "signaling-gateway-" + identity.id();
        Map<String, Object> overrides = Map.of(
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest",
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 10, // a signal waits for no batch
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, true,
                ConsumerConfig.AUTO_COMMIT_INTERVAL_MS_CONFIG, 1000);
        List<TopicPartition> partitions = identity.deliveryPartitions().stream()
                .map(partition -> new TopicPartition(topic.name(), partition))
                .toList();
        while (running) {
            try (Consumer<String, byte[]> c = clients.consumer(id + "-deliveries", id, overrides)) {
                consumer = c;
                c.assign(partitions);
                for (TopicPartition tp : partitions) {
                    c.position(tp); // resolves committed or latest now, so nothing written after "assigned" is missed
                }
                assigned = true;
                log.info("Delivery source reading {} partitions {}", topic.name(), identity.deliveryPartitions());
                while (running) {
                    for (ConsumerRecord<String, byte[]> record : c.poll(POLL)) {
                        Delivery delivery = decoder.decode(record);
                        if (delivery != null) {
                            dispatch(delivery, record);
                        }
                    }
                }
            }
            catch (WakeupException e) {
                // stopping
            }
            catch (KafkaException e) {
                assigned = false;
                log.warn("Delivery source lost its consumer, reconnecting: {}", e.toString());
                pause();
            }
            finally {
                consumer = null;
            }
        }
        assigned = false;
    }

    private void dispatch(Delivery delivery, ConsumerRecord<String, byte[]> record) {
        try {
            dispatcher.dispatch(delivery);
        }
        catch (RuntimeException e) {
            log.error("Delivery {}-{}@{} failed", record.topic(), record.partition(), record.offset(), e);
        }
    }

    private void pause() {
        try {
            stopping.await(1, TimeUnit.SECONDS);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}

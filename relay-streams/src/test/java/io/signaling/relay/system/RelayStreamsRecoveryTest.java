package io.signaling.relay.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * A Kafka Streams instance whose global thread dies goes to ERROR for good (a global
 * thread cannot be replaced like a stream thread), and would route nothing until someone
 * restarts the process. {@link RelayStreams} replaces it: the relay carries on, and the
 * restart is counted.
 */
@Timeout(120)
class RelayStreamsRecoveryTest {

    private static final String IN = "recovery-in";

    private static final String OUT = "recovery-out";

    private static final String GLOBAL = "recovery-global";

    /**
     * The poison record fails its processor once: the instance that replaces the failed
     * one reads it fine.
     */
    private static final AtomicBoolean POISONED = new AtomicBoolean();

    private static EmbeddedKafkaKraftBroker broker;

    @TempDir
    Path stateDir;

    @BeforeAll
    static void startBroker() {
        broker = new EmbeddedKafkaKraftBroker(1, 1, IN, OUT, GLOBAL);
        broker.afterPropertiesSet();
    }

    @AfterAll
    static void stopBroker() {
        broker.destroy();
    }

    @Test
    void anInstanceThatFailsIsReplacedAndRoutingGoesOn() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        RelayStreams relay = new RelayStreams(topology(), config(), registry, Duration.ofSeconds(10));
        List<String> out = new ArrayList<>();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                Map.of("bootstrap.servers", broker.getBrokersAsString()), new StringSerializer(),
                new StringSerializer());
                KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
                        Map.of("bootstrap.servers", broker.getBrokersAsString(), ConsumerConfig.GROUP_ID_CONFIG,
                                "recovery-reader", ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                        new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(OUT));
            relay.start();
            await().atMost(Duration.ofSeconds(60)).until(() -> relay.state() == KafkaStreams.State.RUNNING);
            producer.send(new ProducerRecord<>(IN, "a", "before")).get();
            await().atMost(Duration.ofSeconds(30)).until(() -> read(consumer, out).contains("before"));

            producer.send(new ProducerRecord<>(GLOBAL, "g", "poison")).get();

            await().atMost(Duration.ofSeconds(60))
                .until(() -> registry.counter(RelayStreams.RESTARTS_COUNTER).count() == 1
                        && relay.state() == KafkaStreams.State.RUNNING);
            assertThat(POISONED).isTrue();
            producer.send(new ProducerRecord<>(IN, "b", "after")).get();
            await().atMost(Duration.ofSeconds(30)).until(() -> read(consumer, out).contains("after"));
        }
        finally {
            relay.stop();
        }
        assertThat(relay.state()).isEqualTo(KafkaStreams.State.NOT_RUNNING);
    }

    private static List<String> read(KafkaConsumer<String, String> consumer, List<String> seen) {
        consumer.poll(Duration.ofMillis(200)).forEach(record -> seen.add(record.value()));
        return seen;
    }

    private Properties config() {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "recovery-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString());
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        // As the relay runs (RelayStreamsConfig): the failed instance's members leave the
        // group as they
        // close, so its replacement gets the partitions now instead of after the session
        // timeout.
        props.put(StreamsConfig.mainConsumerPrefix(RelayStreamsConfig.LEAVE_GROUP_ON_CLOSE), true);
        return props;
    }

    private static Topology topology() {
        Topology topology = new Topology();
        topology.addSource("in", new StringDeserializer(), new StringDeserializer(), IN);
        topology.addSink("out", OUT, new StringSerializer(), new StringSerializer(), "in");
        topology.addGlobalStore(
                Stores
                    .keyValueStoreBuilder(Stores.inMemoryKeyValueStore("recovery-store"), Serdes.String(),
                            Serdes.String())
                    .withLoggingDisabled(),
                "global-in", new StringDeserializer(), new StringDeserializer(), GLOBAL, "global-store",
                PoisonableStore::new);
        return topology;
    }

    private static final class PoisonableStore implements Processor<String, String, Void, Void> {

        private KeyValueStore<String, String> store;

        @Override
        public void init(ProcessorContext<Void, Void> context) {
            store = context.getStateStore("recovery-store");
        }

        @Override
        public void process(Record<String, String> record) {
            if ("poison".equals(record.value()) && POISONED.compareAndSet(false, true)) {
                throw new IllegalStateException("a global record its processor cannot take");
            }
            store.put(record.key(), record.value());
        }

    }

}

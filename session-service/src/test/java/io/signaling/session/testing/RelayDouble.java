package io.signaling.session.testing;

import io.signaling.schemas.session.CreateSession;
import io.signaling.schemas.session.DeleteReason;
import io.signaling.schemas.session.EndSession;
import io.signaling.schemas.session.SessionCommand;
import io.signaling.schemas.session.SessionCreated;
import io.signaling.schemas.session.SessionDeleted;
import io.signaling.schemas.session.SessionEvent;
import io.signaling.schemas.session.SessionRefused;
import io.signaling.schemas.session.SessionState;
import io.signaling.schemas.session.SessionTable;
import io.signaling.schemas.topic.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Plays relay-streams on a real broker, as simply as possible: reads session-commands,
 * decides first-wins per userId, writes the outcome to session-events and the row (or
 * tombstone) to sessions. Creates for userIds starting with {@code silent-} get no
 * answer, as from a relay that is down. Keeps every command record as written, to check
 * what reaches Kafka.
 */
public final class RelayDouble implements AutoCloseable {

    private final Topics topics;

    private final Clock clock;

    private final KafkaConsumer<String, byte[]> consumer;

    private final KafkaProducer<String, byte[]> producer;

    private final Map<String, SessionState> table = new HashMap<>(); // relay thread only

    private final List<SessionCommand> commands = new CopyOnWriteArrayList<>();

    private final List<String> rawCommands = new CopyOnWriteArrayList<>();

    private final Thread thread;

    private volatile boolean running = true;

    public RelayDouble(String bootstrapServers, Topics topics, Clock clock) {
        this.topics = topics;
        this.clock = clock;
        Map<String, Object> consumerConfig = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false, ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        this.consumer = new KafkaConsumer<>(consumerConfig, new StringDeserializer(), new ByteArrayDeserializer());
        this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 0), new StringSerializer(),
                new ByteArraySerializer());
        List<TopicPartition> partitions = consumer.partitionsFor(topics.sessionCommands().name())
            .stream()
            .map(info -> new TopicPartition(info.topic(), info.partition()))
            .toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        this.thread = new Thread(this::run, "relay-double");
        thread.start();
    }

    public List<SessionCommand> commands() {
        return List.copyOf(commands);
    }

    /** The session-commands record values exactly as they are in Kafka. */
    public List<String> rawCommands() {
        return List.copyOf(rawCommands);
    }

    /**
     * Any record to any topic, as some other writer would; a null value is a tombstone.
     */
    public void write(String topic, String key, byte[] value) {
        try {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        }
        catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void run() {
        try {
            while (running) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(50))) {
                    rawCommands.add(new String(record.value(), StandardCharsets.UTF_8));
                    SessionCommand command = topics.sessionCommands()
                        .valueSerde()
                        .deserializer()
                        .deserialize(record.topic(), record.value());
                    commands.add(command);
                    decide(command);
                }
                producer.flush();
            }
        }
        catch (WakeupException e) {
            // closing
        }
    }

    private void decide(SessionCommand command) {
        SessionState current = table.get(command.userId());
        SessionEvent event = null;
        if (command instanceof CreateSession create && !create.userId().startsWith("silent-")) {
            if (current == null || current.sessionId().equals(create.sessionId())) {
                event = new SessionCreated(create.userId(), create.sessionId(), create.keyHash(), create.gatewayId(),
                        create.listeningAddress(), create.deliveryPartition(), clock.instant(),
                        clock.instant().plusSeconds(30));
            }
            else {
                event = new SessionRefused(create.userId(), create.sessionId(), SessionRefused.USER_ID_TAKEN,
                        clock.instant());
            }
        }
        else if (command instanceof EndSession end && current != null && current.sessionId().equals(end.sessionId())) {
            event = new SessionDeleted(end.userId(), end.sessionId(), DeleteReason.DELETED_BY_CLIENT, clock.instant());
        }
        if (event == null) {
            return;
        }
        String events = topics.sessionEvents().name();
        producer.send(new ProducerRecord<>(events, event.userId(),
                topics.sessionEvents().valueSerde().serializer().serialize(events, event)));
        SessionState next = SessionTable.evolve(current, event);
        if (next != current) {
            String sessions = topics.sessions().name();
            producer.send(new ProducerRecord<>(sessions, event.userId(),
                    next == null ? null : topics.sessions().valueSerde().serializer().serialize(sessions, next)));
            if (next == null) {
                table.remove(event.userId());
            }
            else {
                table.put(event.userId(), next);
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        consumer.wakeup();
        thread.join(5000);
        consumer.close();
        producer.close();
    }

}

package io.signaling.gateway.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.signaling.schemas.topic.Topics;
import io.signaling.schemas.topic.TopicsProperties;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * A failed write says whether its record can be in the log: the gateway answers
 * {@code overloaded} ("nothing was written") only when it cannot.
 */
class RecordWriterTest {

    @Test
    void aRecordThatNeverGotMetadataIsReportedNotSent() throws IOException {
        int nobody;
        try (ServerSocket socket = new ServerSocket(0)) {
            nobody = socket.getLocalPort();
        }
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + nobody,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 300, ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class, ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        try (RecordWriter writer = new RecordWriter(new KafkaProducer<>(config))) {
            CompletableFuture<RecordMetadata> write = writer
                .write(Topics.from(TopicsProperties.defaults("signaling")).gateways(), "gw-1", null);

            await().atMost(Duration.ofSeconds(10)).until(write::isDone);
            assertThat(write).failsWithin(Duration.ZERO)
                .withThrowableOfType(Exception.class)
                .havingCause()
                .isInstanceOf(NotSentException.class)
                .havingCause()
                .isInstanceOf(TimeoutException.class);
        }
    }

}

package io.signaling.gateway.signal;

import static org.assertj.core.api.Assertions.assertThat;
import io.signaling.schemas.json.RawJson;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.signaling.gateway.frame.FrameParser;
import io.signaling.gateway.kafka.NotSentException;
import io.signaling.gateway.config.GatewayIdentity;
import io.signaling.gateway.config.GatewayProperties;
import io.signaling.schemas.json.Json;
import io.signaling.schemas.signal.SignalAccepted;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;
import tools.jackson.databind.JsonNode;

class SignalIntakeTest {

    private static final SignalSink.Position AT = new SignalSink.Position(0, 0);

    private final MutableClock clock = new MutableClock();

    private final List<SignalAccepted> appended = new ArrayList<>();

    private final List<CompletableFuture<SignalSink.Position>> pending = new ArrayList<>();

    private final FakeNanos nanos = new FakeNanos();

    private final GatewayProperties properties = new GatewayProperties("gw-1", null, List.of(3), 1000,
            new GatewayProperties.Content(64, 100), new GatewayProperties.RateLimit(1, 2), Duration.ofSeconds(2),
            Duration.ofSeconds(3), 64, new GatewayProperties.HandshakeRate(20, 100, 1000), Duration.ofSeconds(25),
            Duration.ofSeconds(1), Duration.ofSeconds(10), DataSize.ofMegabytes(1), Duration.ofSeconds(10),
            Duration.ofSeconds(10), DataSize.ofMegabytes(1), 200, new GatewayProperties.AdmissionLimits(500,
                    Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofMillis(250)),
            100, Duration.ZERO);

    private final SignalIntake intake = new SignalIntake(new FrameParser(1000), (signal, paths) -> {
        appended.add(signal);
        CompletableFuture<SignalSink.Position> written = new CompletableFuture<>();
        pending.add(written);
        return written;
    }, new AdmissionControl(properties.admission(), 1 << 20, nanos, new SimpleMeterRegistry()),
            new GatewayIdentity(properties, 16, "", clock.instant()), clock, properties, new SimpleMeterRegistry());

    private final FakeSender alice = new FakeSender(new TokenBucket(1, 2, nanos));

    @Test
    void appendsAnAcceptedFrameAndAcksOnlyOnceWritten() {
        intake.handle(alice, "{\"to\":\"bob\",\"id\":\"m1\",\"content\":{\"sdp\":\"v=0\"}}");

        assertThat(appended).containsExactly(new SignalAccepted("m1", "alice", "bob",
                RawJson.trusted("{\"sdp\":\"v=0\"}"), clock.instant(), "s-alice", "gw-1", 3));
        assertThat(alice.frames).isEmpty();

        pending.get(0).complete(AT);

        assertThat(alice.frames).containsExactly(Json.mapper().readTree("{\"type\":\"ack\",\"id\":\"m1\"}"));
    }

    @Test
    void makesAnIdWhenTheClientSentNone() {
        intake.handle(alice, "{\"to\":\"bob\"}");
        pending.get(0).complete(AT);

        String id = appended.get(0).id();
        assertThat(id).isNotBlank();
        assertThat(alice.frames.get(0).get("id").stringValue()).isEqualTo(id);
    }

    @Test
    void answersOverloadedWhenTheRecordNeverLeftTheGateway() {
        intake.handle(alice, "{\"to\":\"bob\",\"id\":\"m1\"}");
        pending.get(0).completeExceptionally(new NotSentException(new IllegalStateException("no metadata")));

        assertThat(alice.frames.get(0).get("code").stringValue()).isEqualTo("overloaded");
        assertThat(alice.frames.get(0).get("id").stringValue()).isEqualTo("m1");
        assertThat(alice.uncertain).isZero();
    }

    @Test
    void afterARecordThatCouldNotLeaveTheNextMessagesAreRefusedWithoutWaitingOnKafka() {
        // Each of them would block its connection's thread for max.block.ms: a client
        // behind that has its pongs read late and is closed as lost
        intake.handle(alice, "{\"to\":\"bob\",\"id\":\"m1\"}");
        pending.get(0).completeExceptionally(new NotSentException(new IllegalStateException("no metadata")));
        intake.handle(alice, "{\"to\":\"bob\",\"id\":\"m2\"}");

        assertThat(appended).extracting(SignalAccepted::id).as("m2 never reached Kafka").containsExactly("m1");
        assertThat(alice.frames).extracting(frame -> frame.get("id").stringValue()).containsExactly("m1", "m2");
        assertThat(alice.frames.get(1).get("code").stringValue()).isEqualTo("overloaded");
    }

    @Test
    void neverAnswersOverloadedWhenTheRecordMayBeInTheLog() {
        // contract §2: overloaded means nothing was written; a batch that timed out may
        // have been appended by a broker killed before it answered
        intake.handle(alice, "{\"to\":\"bob\",\"id\":\"m1\"}");
        pending.get(0).completeExceptionally(new TimeoutException("Expiring 1 record(s)"));

        assertThat(alice.frames).as("neither ack nor overloaded would be true").isEmpty();
        assertThat(alice.uncertain).as("the connection ends instead").isEqualTo(1);
    }

    @Test
    void rateLimitsAfterTheBurstWithoutAppending() {
        intake.handle(alice, "{\"to\":\"bob\",\"id\":\"m1\"}");
        intake.handle(alice, "{\"to\":\"bob\",\"id\":\"m2\"}");
        intake.handle(alice, "{\"to\":\"bob\",\"id\":\"m3\"}");

        assertThat(appended).extracting(SignalAccepted::id).containsExactly("m1", "m2");
        assertThat(alice.frames).hasSize(1);
        assertThat(alice.frames.get(0).get("code").stringValue()).isEqualTo("rate-limited");
        assertThat(alice.frames.get(0).get("id").stringValue()).isEqualTo("m3");

        nanos.advance(Duration.ofSeconds(1));
        intake.handle(alice, "{\"to\":\"bob\",\"id\":\"m4\"}");
        assertThat(appended).extracting(SignalAccepted::id).containsExactly("m1", "m2", "m4");
    }

    @Test
    void badFramesCostATokenLikeAnyMessage() {
        // signaling-v1 §2: every message counts against the rate, valid or not
        intake.handle(alice, "not json");
        intake.handle(alice, "{\"id\":\"bad-1\",\"to\":\"not a user\"}");
        intake.handle(alice, "{\"to\":\"bob\",\"id\":\"m1\"}");
        intake.handle(alice, "{\"id\":\"bad-2\",\"content\":{\"deep\":[[[[1]]]]}}");

        assertThat(appended).isEmpty();
        assertThat(alice.frames).extracting(frame -> frame.get("code").stringValue())
            .containsExactly("invalid-message", "invalid-message", "rate-limited", "rate-limited");
        assertThat(alice.frames.get(2).get("id").stringValue()).isEqualTo("m1");
        assertThat(alice.frames.get(3).get("id").stringValue()).isEqualTo("bad-2"); // read
                                                                                    // without
                                                                                    // parsing
                                                                                    // the
                                                                                    // rest

        nanos.advance(Duration.ofSeconds(1));
        intake.handle(alice, "{\"to\":\"bob\",\"id\":\"m2\"}");
        assertThat(appended).extracting(SignalAccepted::id).containsExactly("m2");
    }

    private static final class FakeSender implements Sender {

        private final TokenBucket bucket;

        private final List<JsonNode> frames = new ArrayList<>();

        private int uncertain;

        private final PairPaths paths = new PairPaths();

        FakeSender(TokenBucket bucket) {
            this.bucket = bucket;
        }

        @Override
        public String userId() {
            return "alice";
        }

        @Override
        public String sessionId() {
            return "s-alice";
        }

        @Override
        public int deliveryPartition() {
            return 3;
        }

        @Override
        public TokenBucket rateLimiter() {
            return bucket;
        }

        @Override
        public PairPaths paths() {
            return paths;
        }

        @Override
        public boolean send(String frame) {
            frames.add(Json.mapper().readTree(frame));
            return true;
        }

        @Override
        public void appending() {
        }

        @Override
        public void acked(SignalSink.Position position, String ack) {
            send(ack);
        }

        @Override
        public void notAppended(String error) {
            send(error);
        }

        @Override
        public void appendUncertain() {
            uncertain++;
        }

    }

}

package io.signaling.gateway.signal;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;
import tools.jackson.databind.JsonNode;

/**
 * Contract §2: a message the platform cannot take now is answered {@code overloaded} at
 * once, nothing written.
 */
class SignalIntakeOverloadTest {

    private static final SignalSink.Position AT = new SignalSink.Position(0, 0);

    private final FakeNanos nanos = new FakeNanos();

    private final List<SignalAccepted> appended = new ArrayList<>();

    private final List<CompletableFuture<SignalSink.Position>> pending = new ArrayList<>();

    private final GatewayProperties properties = new GatewayProperties("gw-1", null, List.of(3), 1000,
            new GatewayProperties.Content(64, 100), new GatewayProperties.RateLimit(100_000, 100_000),
            Duration.ofSeconds(2), Duration.ofSeconds(3), 64, new GatewayProperties.HandshakeRate(20, 100, 1000),
            Duration.ofSeconds(25), Duration.ofSeconds(1), Duration.ofSeconds(10), DataSize.ofMegabytes(1),
            Duration.ofSeconds(10), Duration.ofSeconds(10), DataSize.ofMegabytes(1), 200,
            new GatewayProperties.AdmissionLimits(2, Duration.ofMillis(250), Duration.ofMillis(500),
                    Duration.ofMillis(250)),
            100, Duration.ZERO);

    private final AdmissionControl admission = new AdmissionControl(properties.admission(), 1 << 20, nanos,
            new SimpleMeterRegistry());

    private final MutableClock clock = new MutableClock();

    private final SignalIntake intake = new SignalIntake(new FrameParser(1000), (signal, paths) -> {
        appended.add(signal);
        CompletableFuture<SignalSink.Position> written = new CompletableFuture<>();
        pending.add(written);
        return written;
    }, admission, new GatewayIdentity(properties, 16, "", clock.instant()), clock, properties,
            new SimpleMeterRegistry());

    private final Frames alice = new Frames();

    @Test
    void pastTheSignalsInFlightAMessageIsRefusedOverloadedWithItsIdAndNotWritten() {
        intake.handle(alice, "{\"to\":\"bob\",\"id\":\"m1\"}");
        intake.handle(alice, "{\"to\":\"bob\",\"id\":\"m2\"}");
        intake.handle(alice, "{\"to\":\"bob\",\"id\":\"m3\"}");

        assertThat(appended).extracting(SignalAccepted::id).containsExactly("m1", "m2");
        assertThat(alice.frames).hasSize(1);
        assertThat(alice.frames.get(0).get("type").stringValue()).isEqualTo("error");
        assertThat(alice.frames.get(0).get("code").stringValue()).isEqualTo("overloaded");
        assertThat(alice.frames.get(0).get("id").stringValue()).isEqualTo("m3");

        pending.get(0).complete(AT); // m1 acked: its place is free
        intake.handle(alice, "{\"to\":\"bob\",\"id\":\"m4\"}");
        assertThat(appended).extracting(SignalAccepted::id).containsExactly("m1", "m2", "m4");
    }

    @Test
    void aFailedAppendFreesItsPlaceToo() {
        intake.handle(alice, "{\"to\":\"bob\",\"id\":\"m1\"}");
        intake.handle(alice, "{\"to\":\"bob\",\"id\":\"m2\"}");
        pending.get(0).completeExceptionally(new NotSentException(new IllegalStateException("no buffer space")));
        // past the moment messages are refused at once after a record could not leave
        nanos.advance(Duration.ofNanos(AdmissionControl.UNREACHABLE_BACKOFF_NANOS));

        intake.handle(alice, "{\"to\":\"bob\",\"id\":\"m3\"}");

        assertThat(appended).extracting(SignalAccepted::id).containsExactly("m1", "m2", "m3");
        assertThat(alice.frames).extracting(frame -> frame.get("code").stringValue()).containsExactly("overloaded");
    }

    @Test
    void whileDeliveriesAreLateMessagesOverTheLimitedRateAreRefusedAndABadOneStillGetsItsOwnError() {
        for (int i = 0; i < 1_000; i++) { // 3 messages a millisecond, acked at once; one
                                          // delivered, 2 s after its accept
            nanos.advance(Duration.ofMillis(1));
            admission.delivered(Duration.ofSeconds(2).toNanos());
            for (int j = 0; j < 3; j++) {
                intake.handle(alice, "{\"to\":\"bob\",\"id\":\"m" + i + "-" + j + "\"}");
                pending.forEach(append -> append.complete(AT));
            }
        }
        assertThat(appended).hasSizeBetween(600, 1_200);
        assertThat(alice.frames).extracting(frame -> frame.path("code").asString()).contains("overloaded");

        alice.frames.clear();
        for (int i = 0; i < 2_000; i++) { // far over the limited rate at once
            intake.handle(alice, "{\"to\":\"bob\",\"id\":\"burst-" + i + "\"}");
        }
        intake.handle(alice, "{\"to\":\"bob\"}");
        intake.handle(alice, "not json");

        List<JsonNode> last = alice.frames.subList(alice.frames.size() - 2, alice.frames.size());
        assertThat(last).extracting(frame -> frame.path("code").asString())
            .containsExactly("overloaded", "invalid-message");
        assertThat(last.get(0).has("id")).as("no id was sent, none is made up for a refusal").isFalse();
    }

    private static final class Frames implements Sender {

        private final TokenBucket bucket = new TokenBucket(100_000, 100_000, System::nanoTime);

        private final List<JsonNode> frames = new ArrayList<>();

        private int uncertain;

        private final PairPaths paths = new PairPaths();

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

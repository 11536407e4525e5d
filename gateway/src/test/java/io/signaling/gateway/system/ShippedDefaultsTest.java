package io.signaling.gateway.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.signaling.gateway.config.GatewayProperties;
import io.signaling.gateway.frame.ErrorCode;
import io.signaling.gateway.frame.FrameParser;
import io.signaling.gateway.frame.ParsedFrame;
import io.signaling.gateway.signal.TokenBucket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

/**
 * The gateway's production defaults (contract §2), read from the shipped
 * {@code gateway.yml} and the properties' own defaults, never from a test's settings: a
 * changed yml or {@code @DefaultValue} fails here. Where a default is a rule (the rate
 * limit, the size limit), the rule is run with the bound values too, exactly: a burst of
 * 999 or 1,001, a rate of 199 or 201 a second, a limit counted in characters instead of
 * UTF-8 bytes, each fails.
 */
class ShippedDefaultsTest {

    private static final DataSize ONE_MIB = DataSize.ofBytes(1024 * 1024);

    private final GatewayProperties shipped = ShippedConfiguration.gateway();

    @Test
    void theContractsDefaultsAreTheShippedOnes() {
        assertThat(shipped.maxMessageBytes()).as("max-message-bytes: 64 KiB").isEqualTo(64 * 1024);
        assertThat(shipped.rateLimit().perSecond()).as("rate-limit.per-second").isEqualTo(200);
        assertThat(shipped.rateLimit().burst()).as("rate-limit.burst").isEqualTo(1_000);
        assertThat(shipped.sendBufferLimit()).as("slow consumer: queued over 1 MiB").isEqualTo(ONE_MIB);
        assertThat(shipped.sendTimeLimit()).as("slow consumer: nothing written for 10 s")
            .isEqualTo(Duration.ofSeconds(10));
        assertThat(shipped.maxHttpBody()).as("HTTP-transport request body: 1 MiB").isEqualTo(ONE_MIB);
        assertThat(ShippedConfiguration.cors().allowedOriginPatterns()).as("contract §4: local origins only")
            .containsExactly("http://localhost:*", "http://127.0.0.1:*");
    }

    /** docs/operations.md's table of gateway settings, as shipped. */
    @Test
    void theDocumentedOperationalDefaultsAreTheShippedOnes() {
        assertThat(shipped.pingInterval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(shipped.pongTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(shipped.sockjsHeartbeat()).isEqualTo(Duration.ofSeconds(5));
        assertThat(shipped.sockjsDisconnectDelay()).isEqualTo(Duration.ofSeconds(1));
        assertThat(shipped.heartbeatInterval()).isEqualTo(Duration.ofSeconds(2));
        assertThat(shipped.handshakeWait()).isEqualTo(Duration.ofSeconds(3));
        assertThat(shipped.handshakeMaxWaiting()).isEqualTo(64);
        assertThat(shipped.handshakeRate()).isEqualTo(new GatewayProperties.HandshakeRate(20, 100, 10_000));
        assertThat(shipped.content()).isEqualTo(new GatewayProperties.Content(64, 100));
        assertThat(shipped.writerThreads()).isEqualTo(200);
        assertThat(shipped.deliveriesBatchWait()).isEqualTo(Duration.ofMillis(2));
        assertThat(ShippedConfiguration.property("spring.kafka.producer.properties.linger.ms"))
            .as("the gateway producer's linger (performance.md)")
            .isEqualTo("2");
        assertThat(ShippedConfiguration.property("server.tomcat.connection-timeout")).as("bounds a stuck HTTP write")
            .isEqualTo("10s");
    }

    /**
     * One connection's bucket as the gateway builds it: 1,000 at once, then exactly 200
     * per second.
     */
    @Test
    void theShippedRateLimitIsABurstOfOneThousandThenTwoHundredASecond() {
        long[] now = { Long.MAX_VALUE - Duration.ofHours(1).toNanos() };
        TokenBucket bucket = new TokenBucket(shipped.rateLimit().perSecond(), shipped.rateLimit().burst(),
                () -> now[0]);

        assertThat(taken(bucket, 5_000)).as("the burst").isEqualTo(1_000);
        for (int second = 0; second < 3; second++) {
            now[0] += Duration.ofSeconds(1).toNanos();
            assertThat(taken(bucket, 5_000)).as("refilled in second %d", second + 1).isEqualTo(200);
        }
        now[0] += Duration.ofMillis(500).toNanos();
        assertThat(taken(bucket, 5_000)).as("half a second").isEqualTo(100);
        now[0] += Duration.ofMinutes(1).toNanos();
        assertThat(taken(bucket, 5_000)).as("never more than the burst").isEqualTo(1_000);
    }

    /**
     * The parser as the gateway builds it: 65,536 bytes of UTF-8 pass, one byte more is
     * too large.
     */
    @Test
    void theShippedSizeLimitIsSixtyFourKibibytesOfUtf8() {
        FrameParser parser = new FrameParser(shipped.maxMessageBytes(), shipped.content().limits());

        assertThat(parser.parse(messageOfBytes(65_536, "a"), "alice")).isInstanceOf(ParsedFrame.Valid.class);
        assertThat(parser.parse(messageOfBytes(65_536, "é"), "alice")).as("two bytes a character")
            .isInstanceOf(ParsedFrame.Valid.class);
        assertTooLarge(parser.parse(messageOfBytes(65_537, "a"), "alice"));
        String wide = messageOfBytes(65_538, "é");
        assertThat(wide.length()).as("fewer characters than the limit").isLessThan(65_536);
        assertTooLarge(parser.parse(wide, "alice"));
    }

    private static void assertTooLarge(ParsedFrame parsed) {
        assertThat(parsed).isInstanceOfSatisfying(ParsedFrame.Invalid.class, invalid -> {
            assertThat(invalid.code()).isEqualTo(ErrorCode.MESSAGE_TOO_LARGE);
            assertThat(invalid.id()).isEqualTo("sized");
        });
    }

    /**
     * A valid message of exactly {@code bytes} UTF-8 bytes, its content made of
     * {@code filler}.
     */
    private static String messageOfBytes(int bytes, String filler) {
        String prefix = "{\"to\":\"bob\",\"id\":\"sized\",\"content\":\"";
        String suffix = "\"}";
        int fillerBytes = filler.getBytes(StandardCharsets.UTF_8).length;
        int room = bytes - prefix.length() - suffix.length();
        String message = prefix + filler.repeat(room / fillerBytes) + "x".repeat(room % fillerBytes) + suffix;
        assertThat(message.getBytes(StandardCharsets.UTF_8)).hasSize(bytes);
        return message;
    }

    private static long taken(TokenBucket bucket, int attempts) {
        return IntStream.range(0, attempts).filter(i -> bucket.tryAcquire()).count();
    }

}

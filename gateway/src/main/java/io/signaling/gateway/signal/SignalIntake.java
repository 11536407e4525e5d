package io.signaling.gateway.signal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.signaling.gateway.frame.ClientFrame;
import io.signaling.gateway.frame.ErrorCode;
import io.signaling.gateway.frame.FrameParser;
import io.signaling.gateway.frame.OutgoingFrames;
import io.signaling.gateway.frame.ParsedFrame;
import io.signaling.gateway.system.GatewayIdentity;
import io.signaling.gateway.system.GatewayProperties;
import io.signaling.schemas.signal.SignalAccepted;
import java.time.Clock;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * One client message in: rate-limit, validate, append to the signal log, then {@code ack} (or an
 * error frame). Every message takes a token first, valid or not (signaling-v1 §2), so a flood of
 * junk is throttled like a flood of signals; a message over the rate is not parsed beyond its
 * {@code id}. Spring hands one connection's messages over one at a time, so appends, and with
 * them the signals to one recipient, keep the order the client sent them in.
 */
@Component
public class SignalIntake {

    private static final Logger log = LoggerFactory.getLogger(SignalIntake.class);

    private final FrameParser parser;
    private final SignalSink sink;
    private final GatewayIdentity identity;
    private final Clock clock;
    private final String rateLimitedMessage;
    private final Counter signalsIn;
    private final Counter rejectedFrames;

    SignalIntake(FrameParser parser, SignalSink sink, GatewayIdentity identity, Clock clock,
            GatewayProperties properties, MeterRegistry meters) {
        this.parser = parser;
        this.sink = sink;
        this.identity = identity;
        this.clock = clock;
        this.rateLimitedMessage = "over " + properties.rateLimit().perSecond() + " messages/s (bursts of "
                + properties.rateLimit().burst() + ")";
        this.signalsIn = Counter.builder("signaling.gateway.signals.in")
                .description("Client frames accepted and appended to the signal log").register(meters);
        this.rejectedFrames = Counter.builder("signaling.gateway.frames.rejected")
                .description("Client frames answered with an error before reaching the log").register(meters);
    }

    public void handle(Sender sender, String text) {
        if (!sender.rateLimiter().tryAcquire()) {
            rejectedFrames.increment();
            sender.send(OutgoingFrames.error(FrameParser.peekId(text), ErrorCode.RATE_LIMITED, rateLimitedMessage));
            return;
        }
        ParsedFrame parsed = parser.parse(text, sender.userId());
        if (parsed instanceof ParsedFrame.Invalid invalid) {
            rejectedFrames.increment();
            sender.send(OutgoingFrames.error(invalid.id(), invalid.code(), invalid.message()));
            return;
        }
        ClientFrame frame = ((ParsedFrame.Valid) parsed).frame();
        String id = frame.id() != null ? frame.id() : UUID.randomUUID().toString();
        SignalAccepted signal = new SignalAccepted(id, sender.userId(), frame.to(), frame.content(), clock.instant(),
                sender.sessionId(), identity.id(), sender.deliveryPartition());
        // Runs on the producer's callback thread: send only queues the frame for the connection's writer.
        sink.append(signal).whenComplete((written, failure) -> {
            if (failure == null) {
                signalsIn.increment();
                sender.send(OutgoingFrames.ack(id));
            }
            else {
                log.warn("A signal from {} was not appended to the signal log: {}", sender.userId(), failure.toString());
                sender.send(OutgoingFrames.error(id, ErrorCode.UNAVAILABLE,
                        "the signal log is unavailable; the message was not accepted"));
            }
        });
    }
}

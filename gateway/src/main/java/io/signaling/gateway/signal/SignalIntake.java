package io.signaling.gateway.signal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.signaling.gateway.frame.ClientFrame;
import io.signaling.gateway.frame.ErrorCode;
import io.signaling.gateway.frame.FrameParser;
import io.signaling.gateway.frame.OutgoingFrames;
import io.signaling.gateway.frame.ParsedFrame;
import io.signaling.gateway.config.GatewayIdentity;
import io.signaling.gateway.config.GatewayProperties;
import io.signaling.gateway.kafka.NotSentException;
import io.signaling.schemas.signal.SignalAccepted;
import java.time.Clock;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * One client message in: rate-limit, validate, admit, append to the signal log, then
 * {@code ack} (or an error frame). Every message takes a token first, valid or not
 * (signaling-v1 §2), so a flood of junk is throttled like a flood of signals; a message
 * over the rate is not parsed beyond its {@code id}. A valid message the platform cannot
 * take now ({@link AdmissionControl}) is answered {@code overloaded} at once, nothing
 * written. Spring hands one connection's messages over one at a time, so appends, and
 * with them the signals to one recipient, keep the order the client sent them in.
 */
@Component
public class SignalIntake {

    private static final Logger log = LoggerFactory.getLogger(SignalIntake.class);

    /**
     * What a signal record adds to its client message: ids, names, times, JSON field
     * names.
     */
    private static final int RECORD_OVERHEAD_BYTES = 512;

    private static final String SHEDDING = "the platform is shedding load; the message was not accepted: send it again later";

    private static final String NOT_APPENDED = "the signal log cannot be reached now; the message was not accepted: send it again later";

    private final FrameParser parser;

    private final SignalSink sink;

    private final AdmissionControl admission;

    private final GatewayIdentity identity;

    private final Clock clock;

    private final String rateLimitedMessage;

    private final Counter signalsIn;

    private final Counter rejectedFrames;

    SignalIntake(FrameParser parser, SignalSink sink, AdmissionControl admission, GatewayIdentity identity, Clock clock,
            GatewayProperties properties, MeterRegistry meters) {
        this.parser = parser;
        this.sink = sink;
        this.admission = admission;
        this.identity = identity;
        this.clock = clock;
        this.rateLimitedMessage = "over " + properties.rateLimit().perSecond() + " messages/s (bursts of "
                + properties.rateLimit().burst() + ")";
        this.signalsIn = Counter.builder("signaling.gateway.signals.in")
            .description("Client frames accepted and appended to the signal log")
            .register(meters);
        this.rejectedFrames = Counter.builder("signaling.gateway.frames.rejected")
            .description("Client frames answered with an error before reaching the log")
            .register(meters);
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
        int bytes = text.length() + RECORD_OVERHEAD_BYTES;
        if (admission.admit(bytes) != null) {
            sender.send(OutgoingFrames.error(frame.id(), ErrorCode.OVERLOADED, SHEDDING));
            return;
        }
        long admittedAt = admission.now();
        String id = frame.id() != null ? frame.id() : UUID.randomUUID().toString();
        SignalAccepted signal = new SignalAccepted(id, sender.userId(), frame.to(), frame.content(), clock.instant(),
                sender.sessionId(), identity.id(), sender.deliveryPartition());
        // Runs on the producer's callback thread: acked only queues the frame for the
        // connection's writer.
        sender.appending();
        sink.append(signal, sender.paths()).whenComplete((written, failure) -> {
            admission.released(bytes, admittedAt);
            if (failure == null) {
                admission.appendLeft();
                signalsIn.increment();
                sender.acked(written, OutgoingFrames.ack(id));
            }
            else {
                // Not the exception's message: it may quote the record.
                Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                        ? failure.getCause() : failure;
                admission.appendFailed();
                if (cause instanceof NotSentException) {
                    admission.appendCouldNotLeave();
                    log.warn("A signal from {} was not appended to the signal log: {}", sender.userId(),
                            cause.getMessage());
                    sender.notAppended(OutgoingFrames.error(id, ErrorCode.OVERLOADED, NOT_APPENDED));
                }
                else {
                    // signaling-v1 §2: overloaded means "nothing was written", and a
                    // batch that timed out may have been appended by a broker that died
                    // before answering (seen with kill -9 of the only broker).
                    log.warn("Kafka could not tell whether a signal from {} is in the signal log ({}): "
                            + "closing its connection", sender.userId(), cause.getClass().getSimpleName());
                    sender.appendUncertain();
                }
            }
        });
    }

}

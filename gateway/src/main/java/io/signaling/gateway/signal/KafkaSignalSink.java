package io.signaling.gateway.signal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.signaling.gateway.config.EdgeRoutingProperties;
import io.signaling.gateway.kafka.RecordWriter;
import io.signaling.gateway.sessions.SessionsView;
import io.signaling.schemas.delivery.Delivery;
import io.signaling.schemas.delivery.SignalDelivery;
import io.signaling.schemas.session.SessionState;
import io.signaling.schemas.signal.SignalAccepted;
import io.signaling.schemas.topic.Topics;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/**
 * Routes an accepted signal one of two ways (docs/architecture.md, "Edge routing"): to
 * the signals topic, keyed by recipient, so all signals to one user share a partition in
 * send order and the relay decides them; or, when the recipient's session is acked in
 * this gateway's view and the pair has nothing left in the relay ({@link PairPaths}),
 * straight into the deliveries partition of the recipient's gateway, as the relay would
 * have written it: two hops fewer.
 */
@Component
class KafkaSignalSink implements SignalSink {

    private final RecordWriter writer;

    private final Topics topics;

    private final SessionsView sessions;

    private final boolean edgeRouting;

    private final Duration settleWait;

    private final Counter direct;

    private final Counter relayed;

    KafkaSignalSink(RecordWriter writer, Topics topics, SessionsView sessions, EdgeRoutingProperties edgeRouting,
            MeterRegistry meters) {
        this.writer = writer;
        this.topics = topics;
        this.sessions = sessions;
        this.edgeRouting = edgeRouting.enabled();
        this.settleWait = edgeRouting.settleWait();
        this.direct = routed(meters, "direct");
        this.relayed = routed(meters, "relay");
    }

    private static Counter routed(MeterRegistry meters, String path) {
        return Counter.builder("signaling.gateway.signals.routed")
            .description("Signals appended, by path: straight to the recipient's gateway, or through the relay")
            .tag("path", path)
            .register(meters);
    }

    @Override
    public CompletableFuture<Position> append(SignalAccepted signal, PairPaths paths) {
        CompletableFuture<?> waiting = paths.waiting();
        CompletableFuture<Void> settled = edgeRouting && acked(signal.to()) ? paths.settled(signal.to()) : null;
        if (settled != null && !settled.isDone()) {
            // The pair is on its way to the direct path: its relay-path signals are
            // answered
            // within a round trip. Waiting that long (bounded) beats staying on the relay
            // while the sender keeps sending.
            CompletableFuture<?> ready = CompletableFuture.allOf(done(waiting),
                    settled.copy().completeOnTimeout(null, settleWait.toNanos(), TimeUnit.NANOSECONDS));
            return waited(paths, ready.thenComposeAsync(now -> route(signal, paths, false)));
        }
        if (!waiting.isDone()) {
            return waited(paths, done(waiting).thenComposeAsync(now -> route(signal, paths, false)));
        }
        return route(signal, paths, true);
    }

    /**
     * Writes the signal the way that is right now; nothing accepted before it is waiting.
     * {@code inline}: on the connection's own thread, not after a wait.
     */
    private CompletableFuture<Position> route(SignalAccepted signal, PairPaths paths, boolean inline) {
        SessionState recipient = edgeRouting ? sessions.get(signal.to()) : null;
        if (recipient != null && recipient.acked() && paths.direct(signal.to())) {
            CompletableFuture<Position> written = writeDirect(recipient, signal);
            paths.wroteDirect(written);
            direct.increment();
            return written;
        }
        PairPaths.Pair pair = paths.relaying(signal.to());
        CompletableFuture<?> lastDirect = paths.lastDirect();
        CompletableFuture<Position> written;
        if (lastDirect.isDone()) {
            written = writeToRelay(signal);
        }
        else {
            // Behind a direct write in flight, which a relay write could overtake.
            written = done(lastDirect).thenComposeAsync(now -> writeToRelay(signal));
            if (inline) {
                paths.waited(written);
            }
        }
        written.whenComplete((position, failure) -> paths.relayed(pair, failure == null ? position.offset() : -1));
        relayed.increment();
        return written;
    }

    private boolean acked(String userId) {
        SessionState recipient = sessions.get(userId);
        return recipient != null && recipient.acked();
    }

    private static CompletableFuture<Position> waited(PairPaths paths, CompletableFuture<Position> written) {
        paths.waited(written);
        return written;
    }

    /**
     * Completes, never exceptionally, when {@code write} is done: its failure is its own
     * signal's.
     */
    private static CompletableFuture<Void> done(CompletableFuture<?> write) {
        return write.handle((result, failure) -> null);
    }

    private CompletableFuture<Position> writeToRelay(SignalAccepted signal) {
        return writer.write(topics.signals(), signal.to(), signal)
            .thenApply(metadata -> new Position(metadata.partition(), metadata.offset()));
    }

    private CompletableFuture<Position> writeDirect(SessionState recipient, SignalAccepted signal) {
        Delivery delivery = new SignalDelivery(recipient.gatewayId(), recipient.deliveryPartition(), recipient.userId(),
                recipient.sessionId(), signal.id(), signal.from(), signal.to(), signal.content(), signal.sentAt(),
                signal.senderSessionId(), signal.senderGatewayId(), signal.senderDeliveryPartition(),
                SignalDelivery.DIRECT, SignalDelivery.DIRECT);
        return writer.write(topics.deliveries(), recipient.deliveryPartition(), signal.to(), delivery)
            .thenApply(metadata -> new Position(SignalDelivery.directSource(metadata.partition()), metadata.offset()));
    }

}

package io.signaling.gateway.signal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.signaling.gateway.config.EdgeRoutingProperties;
import io.signaling.gateway.sessions.SessionsView;
import io.signaling.schemas.session.SessionState;
import io.signaling.schemas.signal.SignalAccepted;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Routes an accepted signal one of two ways (docs/architecture.md, "Edge routing"):
 * through the relay (the signals topic), or, when the recipient's session is acked in
 * this gateway's view and the pair has nothing left in the relay ({@link PairPaths}),
 * straight into the deliveries partition of the recipient's gateway, as the relay would
 * have written it: two hops fewer. No signal is written before one its sender sent
 * earlier.
 */
@Component
class EdgeRouter implements SignalSink {

    /** The two writes a signal can take. */
    interface Writes {

        /** To the signals topic, for the relay. */
        CompletableFuture<Position> toRelay(SignalAccepted signal);

        /** Into the deliveries partition of {@code recipient}'s gateway. */
        CompletableFuture<Position> direct(SessionState recipient, SignalAccepted signal);

    }

    private final Function<String, SessionState> sessions;

    private final Writes writes;

    private final boolean edgeRouting;

    private final Duration settleWait;

    private final Counter direct;

    private final Counter relayed;

    @Autowired
    EdgeRouter(SessionsView sessions, Writes writes, EdgeRoutingProperties edgeRouting, MeterRegistry meters) {
        this(sessions::get, writes, edgeRouting, meters);
    }

    EdgeRouter(Function<String, SessionState> sessions, Writes writes, EdgeRoutingProperties edgeRouting,
            MeterRegistry meters) {
        this.sessions = sessions;
        this.writes = writes;
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
        SessionState recipient = recipientOf(signal);
        CompletableFuture<?> waiting = paths.waiting();
        CompletableFuture<Void> settled = recipient != null && recipient.acked() ? paths.settled(signal.to()) : null;
        if (settled != null && !settled.isDone()) {
            // The pair is on its way to the direct path: its relay-path signals are
            // answered within a round trip. Waiting that long (bounded) beats staying on
            // the relay while the sender keeps sending.
            CompletableFuture<?> ready = CompletableFuture.allOf(done(waiting),
                    settled.copy().completeOnTimeout(null, settleWait.toNanos(), TimeUnit.NANOSECONDS));
            return waited(paths, ready.thenComposeAsync(now -> route(signal, recipientOf(signal), paths, false)));
        }
        if (!waiting.isDone()) {
            return waited(paths,
                    done(waiting).thenComposeAsync(now -> route(signal, recipientOf(signal), paths, false)));
        }
        return route(signal, recipient, paths, true);
    }

    /** The recipient's row as the view has it now; {@code null} with edge routing off. */
    private SessionState recipientOf(SignalAccepted signal) {
        return edgeRouting ? sessions.apply(signal.to()) : null;
    }

    /**
     * Writes the signal the way that is right now ({@code recipient} as the view has it
     * now); nothing accepted before it is waiting. {@code inline}: on the connection's
     * own thread, not after a wait.
     */
    private CompletableFuture<Position> route(SignalAccepted signal, SessionState recipient, PairPaths paths,
            boolean inline) {
        if (recipient != null && recipient.acked() && paths.direct(signal.to())) {
            CompletableFuture<Position> written = writes.direct(recipient, signal);
            paths.wroteDirect(written);
            direct.increment();
            return written;
        }
        PairPaths.Pair pair = paths.relaying(signal.to());
        CompletableFuture<?> lastDirect = paths.lastDirect();
        CompletableFuture<Position> written;
        if (lastDirect.isDone()) {
            written = writes.toRelay(signal);
        }
        else {
            // Behind a direct write in flight, which a relay write could overtake.
            written = done(lastDirect).thenComposeAsync(now -> writes.toRelay(signal));
            if (inline) {
                paths.waited(written);
            }
        }
        written.whenComplete((position, failure) -> paths.relayed(pair, failure == null ? position.offset() : -1));
        relayed.increment();
        return written;
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

}

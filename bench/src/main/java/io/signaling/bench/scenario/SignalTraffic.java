package io.signaling.bench.scenario;

import io.signaling.bench.client.VirtualUser;
import io.signaling.bench.report.Signals;
import io.signaling.bench.signal.GatewayMessage;
import io.signaling.bench.signal.MessageIds;
import io.signaling.bench.signal.StreamTracker;
import io.signaling.bench.stats.LatencyRecorder;
import io.signaling.bench.stats.MeasureWindow;
import io.signaling.bench.stats.Percentiles;
import io.signaling.bench.stats.WallClock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;

/**
 * The signal bookkeeping of the relay and call-setup scenarios, as the inbox of every
 * user: deliveries go to the recipient's stream (loss, duplicates, order) and the one-way
 * latency histogram; acks and errors to the sender's stream. Sending goes through
 * {@link #send} so that sent counts, stamps and ids are made in one place.
 */
final class SignalTraffic implements VirtualUser.Inbox {

    /**
     * Told about every new (not duplicate) delivery; the call-setup scenario reacts to
     * them.
     */
    interface Arrivals {

        void arrived(VirtualUser recipient, GatewayMessage signal, long receivedMicros);

    }

    private final MeasureWindow window;

    private final WallClock clock;

    private final LatencyRecorder oneWay = new LatencyRecorder();

    private final LatencyRecorder acks = new LatencyRecorder();

    private final LongAdder sentInWindow = new LongAdder();

    private final LongAdder bytesSent = new LongAdder();

    private final LongAdder messagesSent = new LongAdder();

    private final LongAdder receivedInWindow = new LongAdder();

    private final LongAdder unknown = new LongAdder();

    private final LongAdder closedEarly = new LongAdder();

    private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();

    private final List<StreamTracker> streams = new CopyOnWriteArrayList<>();

    private volatile Arrivals arrivals = (recipient, signal, micros) -> {
    };

    /**
     * Told about every signal answered with an error (never accepted): a closed loop
     * sends the next one in its place, a call fails.
     */
    interface Refusals {

        void refused(VirtualUser sender);

    }

    private volatile Refusals refusals = sender -> {
    };

    private volatile boolean running = true;

    SignalTraffic(MeasureWindow window, WallClock clock) {
        this.window = window;
        this.clock = clock;
    }

    void arrivals(Arrivals arrivals) {
        this.arrivals = arrivals;
    }

    void refusals(Refusals refusals) {
        this.refusals = refusals;
    }

    void add(StreamTracker stream) {
        streams.add(stream);
    }

    List<StreamTracker> streams() {
        return streams;
    }

    /** After the run: closes are expected and no longer count as early. */
    void stop() {
        running = false;
    }

    /**
     * Sends one message built by {@code message} from (seq, id, micros) on the sender's
     * stream.
     */
    void send(VirtualUser sender, char idPrefix, MessageBuilder message) {
        StreamTracker stream = sender.outgoing();
        long seq = stream.nextSeq();
        long micros = clock.micros();
        String text = message.build(seq, MessageIds.of(idPrefix, seq, micros), micros);
        if (window.contains(micros)) {
            sentInWindow.increment();
        }
        bytesSent.add(text.length());
        messagesSent.increment();
        sender.send(text);
    }

    interface MessageBuilder {

        String build(long seq, String id, long sentMicros);

    }

    @Override
    public void onMessage(VirtualUser user, GatewayMessage message) {
        long now = clock.micros();
        if (message.isSignal()) {
            StreamTracker stream = user.incoming();
            StreamTracker.Arrival arrival = stream == null ? StreamTracker.Arrival.UNKNOWN
                    : stream.received(message.seq());
            if (arrival == StreamTracker.Arrival.UNKNOWN) {
                unknown.increment();
                return;
            }
            if (arrival == StreamTracker.Arrival.DUPLICATE) {
                return;
            }
            boolean inWindow = window.contains(message.sentMicros());
            oneWay.record(now - message.sentMicros(), inWindow);
            if (window.contains(now)) {
                receivedInWindow.increment();
            }
            arrivals.arrived(user, message, now);
        }
        else if (message.isAck()) {
            long sent = MessageIds.sentMicros(message.id());
            if (sent >= 0) {
                acks.record(now - sent, window.contains(sent));
            }
            if (user.outgoing() != null) {
                user.outgoing().acked(MessageIds.seq(message.id()));
            }
        }
        else if (message.isError()) {
            errors.computeIfAbsent(String.valueOf(message.code()), c -> new LongAdder()).increment();
            if (user.outgoing() != null) {
                user.outgoing().refused(MessageIds.seq(message.id()));
            }
            refusals.refused(user);
        }
    }

    @Override
    public void onClosed(VirtualUser user, int code, String reason) {
        if (running) {
            closedEarly.increment();
        }
    }

    long closedEarly() {
        return closedEarly.sum();
    }

    StreamTracker.Counts counts() {
        StreamTracker.Counts total = StreamTracker.Counts.ZERO;
        for (StreamTracker s : streams) {
            total = total.plus(s.counts());
        }
        return total;
    }

    boolean settled() {
        for (StreamTracker s : streams) {
            if (!s.settled()) {
                return false;
            }
        }
        return true;
    }

    /** One progress-line fragment: what happened in the last second. */
    String interval(double seconds, long sentBefore, long receivedBefore, StreamTracker.Counts now) {
        Percentiles p = Percentiles.ofMicros(oneWay.interval());
        return String.format(Locale.ROOT,
                "sent %,.0f/s recv %,.0f/s | one-way p50 %.1f p99 %.1f max %.1f ms | lost %,d dup %,d reord %,d refused %,d",
                (now.sent() - sentBefore) / seconds, (now.received() - receivedBefore) / seconds, p.p50(), p.p99(),
                p.max(), now.lost(), now.duplicates(), now.reordered(), now.refused());
    }

    Signals summary(int crossGatewayStreams, double pacerLateMaxMs) {
        StreamTracker.Counts c = counts();
        Map<String, Long> byCode = new TreeMap<>();
        errors.forEach((code, n) -> byCode.put(code, n.sum()));
        double seconds = window.seconds();
        long messages = messagesSent.sum();
        return new Signals(c.sent(), c.acked(), c.refused(), byCode, c.received(), c.duplicates(), c.reordered(),
                c.lost(), seconds == 0 ? 0 : round(sentInWindow.sum() / seconds),
                seconds == 0 ? 0 : round(receivedInWindow.sum() / seconds), Percentiles.ofMicros(oneWay.total()),
                Percentiles.ofMicros(acks.total()), streams.size(), crossGatewayStreams, round(pacerLateMaxMs),
                messages == 0 ? 0 : round((double) bytesSent.sum() / messages));
    }

    long unknown() {
        return unknown.sum();
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }

}

package io.signaling.bench.scenario;

import io.signaling.bench.client.VirtualUser;
import io.signaling.bench.pace.RatePacer;
import io.signaling.bench.report.RelayReport;
import io.signaling.bench.signal.Payloads;
import io.signaling.bench.signal.StreamTracker;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Pairs of users on different gateways stream signals to each other, both ways. Open
 * loop: the pacer issues {@code --rate} signals/s in total, round robin over the streams.
 * Closed loop ({@code --rate 0}): each stream keeps {@code --window} signals in flight
 * and sends the next as soon as one arrives (or is refused).
 */
final class RelayScenario {

    /**
     * The gateway's default token bucket: a user sending faster gets
     * {@code rate-limited}.
     */
    static final int GATEWAY_RATE_LIMIT = 200;

    private final ScenarioRun run;

    private final SignalTraffic traffic;

    private final List<VirtualUser> senders = new ArrayList<>();

    private final Map<VirtualUser, VirtualUser> partners = new IdentityHashMap<>();

    private final double rate;

    private final int messageBytes;

    /** Closed loop: how long a stream waits to replace a refused signal. */
    private static final long REFUSED_BACKOFF_MILLIS = 100;

    private final int window;

    private volatile boolean sending;

    private volatile double pacerLateMaxMs;

    RelayScenario(ScenarioRun run, double rate, int messageBytes, int window) {
        this.run = run;
        this.rate = rate;
        this.messageBytes = messageBytes;
        this.window = window;
        this.traffic = new SignalTraffic(run.clock().window(), run.clock().clock());
    }

    RelayReport run() {
        RunSettings s = run.settings();
        List<VirtualUser> users = run.users().create("relay", s.users() - s.users() % 2);
        users.forEach(u -> u.inbox(traffic));
        List<VirtualUser> connected = run.users().connectAll(users);
        List<Pairing.Pair<VirtualUser>> pairs = Pairing.acrossGateways(connected, VirtualUser::gateway);
        int crossing = Pairing.crossing(pairs, VirtualUser::gateway);
        for (Pairing.Pair<VirtualUser> pair : pairs) {
            StreamTracker ab = new StreamTracker(pair.a().userId(), pair.b().userId());
            StreamTracker ba = new StreamTracker(pair.b().userId(), pair.a().userId());
            pair.a().streams(ab, ba);
            pair.b().streams(ba, ab);
            traffic.add(ab);
            traffic.add(ba);
            senders.add(pair.a());
            senders.add(pair.b());
            partners.put(pair.a(), pair.b());
            partners.put(pair.b(), pair.a());
        }
        run.log()
            .out()
            .println(String.format(Locale.ROOT, "%d pairs, %d of them across gateways", pairs.size(), crossing));
        if (pairs.size() > crossing) {
            run.log()
                .note((pairs.size() - crossing) + " of " + pairs.size()
                        + " pairs are on one gateway (sessions per gateway: "
                        + run.users().stats().summary().byGateway() + ")");
        }
        if (senders.isEmpty()) {
            run.log().note("no pair could be formed: nothing was sent");
        }
        else {
            if (rate > 0 && rate / senders.size() > GATEWAY_RATE_LIMIT) {
                run.log()
                    .note(String.format(Locale.ROOT,
                            "each user sends %.0f signals/s, over the gateway's default limit of %d/s: expect rate-limited refusals; use more --users",
                            rate / senders.size(), GATEWAY_RATE_LIMIT));
            }
            drive(s);
        }
        traffic.stop();
        run.users().closeAll(connected);
        return new RelayReport(run.summary(notes()), new RelayReport.Load(rate, messageBytes, window),
                traffic.summary(crossing * 2, pacerLateMaxMs));
    }

    private List<String> notes() {
        List<String> notes = new ArrayList<>();
        if (traffic.unknown() > 0) {
            notes.add(traffic.unknown() + " deliveries were not from this run's streams");
        }
        if (traffic.closedEarly() > 0) {
            notes.add(traffic.closedEarly() + " connections closed during the run");
        }
        return notes;
    }

    private void drive(RunSettings s) {
        run.measureAfter(s.warmup(), s.duration());
        long endNanos = System.nanoTime() + s.warmup().plus(s.duration()).toNanos();
        sending = true;
        ScheduledFuture<?> pacing = rate > 0 ? openLoop() : closedLoop();
        AtomicLong lastSent = new AtomicLong();
        AtomicLong lastReceived = new AtomicLong();
        ScheduledFuture<?> progress = run.log().everySecond(seconds -> {
            StreamTracker.Counts now = traffic.counts();
            run.log().phase(run.clock().phase());
            run.log()
                .line(traffic.interval(seconds, lastSent.getAndSet(now.sent()), lastReceived.getAndSet(now.received()),
                        now));
        });
        Waits.untilNanoTime(endNanos);
        sending = false;
        if (pacing != null) {
            pacing.cancel(false);
        }
        boolean drained = Waits.until(traffic::settled, s.drain());
        progress.cancel(false);
        if (!drained) {
            run.log()
                .note("signals were still missing " + s.drain().toMillis()
                        + " ms after the last send: counted as lost");
        }
    }

    private ScheduledFuture<?> openLoop() {
        RatePacer pacer = new RatePacer(rate, System.nanoTime());
        long[] next = { 0 };
        return run.threads().pacer().scheduleAtFixedRate(() -> {
            long now = System.nanoTime();
            pacerLateMaxMs = Math.max(pacerLateMaxMs, pacer.lateness(now) / 1e6);
            long due = pacer.take(now);
            for (long i = 0; i < due && sending; i++) {
                VirtualUser sender = senders.get((int) (next[0]++ % senders.size()));
                sendRelay(sender);
            }
        }, 0, 1, TimeUnit.MILLISECONDS);
    }

    private ScheduledFuture<?> closedLoop() {
        traffic.arrivals((recipient, signal, micros) -> {
            if (sending) {
                // the recipient's partner is the sender of this stream: it sends its next
                // one
                VirtualUser sender = partners.get(recipient);
                if (sender != null) {
                    sendRelay(sender);
                }
            }
        });
        // A refused signal frees its place in the window too: its sender sends another a
        // little later, as a client backs off an overloaded platform (otherwise every
        // stream stalls once it has had --window refusals).
        traffic.refusals(sender -> run.threads().pacer().schedule(() -> {
            if (sending) {
                sendRelay(sender);
            }
        }, REFUSED_BACKOFF_MILLIS, TimeUnit.MILLISECONDS));
        for (VirtualUser sender : senders) {
            for (int i = 0; i < window; i++) {
                sendRelay(sender);
            }
        }
        return null;
    }

    private void sendRelay(VirtualUser sender) {
        String to = sender.outgoing().recipient();
        traffic.send(sender, 'r', (seq, id, micros) -> Payloads.relay(to, id, seq, micros, messageBytes));
    }

}

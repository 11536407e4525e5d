package io.signaling.bench.scenario;

import io.signaling.bench.client.VirtualUser;
import io.signaling.bench.pace.RatePacer;
import io.signaling.bench.report.BenchReport;
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

    private final RunContext ctx;

    private final SignalTraffic traffic;

    private final List<VirtualUser> senders = new ArrayList<>();

    private final Map<VirtualUser, VirtualUser> partners = new IdentityHashMap<>();

    private volatile boolean sending;

    private volatile double pacerLateMaxMs;

    RelayScenario(RunContext ctx) {
        this.ctx = ctx;
        this.traffic = new SignalTraffic(ctx.window(), ctx.clock());
    }

    BenchReport run() {
        BenchSettings s = ctx.settings();
        List<VirtualUser> users = ctx.newUsers("relay", s.users() - s.users() % 2);
        users.forEach(u -> u.inbox(traffic));
        List<VirtualUser> connected = ctx.connectAll(users);
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
        ctx.out().println(String.format(Locale.ROOT, "%d pairs, %d of them across gateways", pairs.size(), crossing));
        if (pairs.size() > crossing) {
            ctx.note((pairs.size() - crossing) + " of " + pairs.size()
                    + " pairs are on one gateway (sessions per gateway: "
                    + ctx.connector().stats().summary().byGateway() + ")");
        }
        if (senders.isEmpty()) {
            ctx.note("no pair could be formed: nothing was sent");
        }
        else {
            if (s.rate() > 0 && s.rate() / senders.size() > GATEWAY_RATE_LIMIT) {
                ctx.note(String.format(Locale.ROOT,
                        "each user sends %.0f signals/s, over the gateway's default limit of %d/s: expect rate-limited refusals; use more --users",
                        s.rate() / senders.size(), GATEWAY_RATE_LIMIT));
            }
            drive(s);
        }
        traffic.stop();
        ctx.closeAll(connected);
        return new BenchReport(s.scenario().id(), s.runId(), ctx.startedAt(), ctx.reportSettings(),
                BenchReport.Machine.current(), ctx.connector().stats().summary(),
                traffic.summary(crossing * 2, pacerLateMaxMs), null, null, null, ctx.services().summary(),
                ctx.cpu().summary(), notes());
    }

    private List<String> notes() {
        List<String> notes = new ArrayList<>(ctx.notes());
        if (traffic.unknown() > 0) {
            notes.add(traffic.unknown() + " deliveries were not from this run's streams");
        }
        if (traffic.closedEarly() > 0) {
            notes.add(traffic.closedEarly() + " connections closed during the run");
        }
        return notes;
    }

    private void drive(BenchSettings s) {
        long startMicros = ctx.clock().micros();
        long warmupMicros = s.warmup().toNanos() / 1000;
        long durationMicros = s.duration().toNanos() / 1000;
        ctx.window().set(startMicros + warmupMicros, startMicros + warmupMicros + durationMicros);
        long endNanos = System.nanoTime() + s.warmup().toNanos() + s.duration().toNanos();
        sending = true;
        ScheduledFuture<?> pacing = s.rate() > 0 ? openLoop(s.rate()) : closedLoop(s.window());
        AtomicLong lastSent = new AtomicLong();
        AtomicLong lastReceived = new AtomicLong();
        ScheduledFuture<?> progress = ctx.everySecond(seconds -> {
            StreamTracker.Counts now = traffic.counts();
            ctx.phase(ctx.window().contains(ctx.clock().micros()) ? "measure"
                    : ctx.clock().micros() < ctx.window().startMicros() ? "warmup" : "drain");
            ctx.progressLine(traffic.interval(seconds, lastSent.getAndSet(now.sent()),
                    lastReceived.getAndSet(now.received()), now));
        });
        ctx.awaitCondition(() -> System.nanoTime() >= endNanos, s.warmup().plus(s.duration()).plusSeconds(1));
        sending = false;
        if (pacing != null) {
            pacing.cancel(false);
        }
        boolean drained = ctx.awaitCondition(traffic::settled, s.drain());
        progress.cancel(false);
        if (!drained) {
            ctx.note("signals were still missing " + s.drain().toMillis() + " ms after the last send: counted as lost");
        }
    }

    private ScheduledFuture<?> openLoop(double rate) {
        RatePacer pacer = new RatePacer(rate, System.nanoTime());
        long[] next = { 0 };
        int messageBytes = ctx.settings().messageBytes();
        return ctx.ticker().scheduleAtFixedRate(() -> {
            long now = System.nanoTime();
            pacerLateMaxMs = Math.max(pacerLateMaxMs, pacer.lateness(now) / 1e6);
            long due = pacer.take(now);
            for (long i = 0; i < due && sending; i++) {
                VirtualUser sender = senders.get((int) (next[0]++ % senders.size()));
                sendRelay(sender, messageBytes);
            }
        }, 0, 1, TimeUnit.MILLISECONDS);
    }

    private ScheduledFuture<?> closedLoop(int window) {
        int messageBytes = ctx.settings().messageBytes();
        traffic.arrivals((recipient, signal, micros) -> {
            if (sending) {
                // the recipient's partner is the sender of this stream: it sends its next
                // one
                VirtualUser sender = partners.get(recipient);
                if (sender != null) {
                    sendRelay(sender, messageBytes);
                }
            }
        });
        for (VirtualUser sender : senders) {
            for (int i = 0; i < window; i++) {
                sendRelay(sender, messageBytes);
            }
        }
        return null;
    }

    private void sendRelay(VirtualUser sender, int messageBytes) {
        String to = sender.outgoing().recipient();
        traffic.send(sender, 'r', (seq, id, micros) -> Payloads.relay(to, id, seq, micros, messageBytes));
    }

}

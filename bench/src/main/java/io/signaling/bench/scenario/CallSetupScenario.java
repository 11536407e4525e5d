package io.signaling.bench.scenario;

import io.signaling.bench.client.VirtualUser;
import io.signaling.bench.pace.RatePacer;
import io.signaling.bench.report.BenchReport;
import io.signaling.bench.signal.GatewayMessage;
import io.signaling.bench.signal.Payloads;
import io.signaling.bench.signal.StreamTracker;
import io.signaling.bench.stats.LatencyRecorder;
import io.signaling.bench.stats.Percentiles;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Calls as a browser pair makes them: the caller sends an SDP offer and trickles 10 ICE
 * candidates; the callee, on the offer, answers and trickles its 10. A call is set up
 * when both sides hold everything; its time runs from the offer's send. Calls start at
 * {@code --rate} per second on idle pairs (a pair holds one call at a time; the caller
 * alternates).
 */
final class CallSetupScenario {

    static final int CANDIDATES = 10;

    /** Offer + answer + 10 candidates each way. */
    static final int SIGNALS_PER_CALL = 2 + 2 * CANDIDATES;

    private final RunContext ctx;

    private final SignalTraffic traffic;

    private final LatencyRecorder setup = new LatencyRecorder();

    private final Map<Long, Call> calls = new ConcurrentHashMap<>();

    private final AtomicLong nextCall = new AtomicLong();

    private final LongAdder started = new LongAdder();

    private final LongAdder completed = new LongAdder();

    private final LongAdder completedInWindow = new LongAdder();

    private final LongAdder skippedBusy = new LongAdder();

    private final List<PairState> pairs = new ArrayList<>();

    private volatile boolean calling;

    private volatile double pacerLateMaxMs;

    private static final class PairState {

        final VirtualUser a;

        final VirtualUser b;

        final AtomicBoolean busy = new AtomicBoolean();

        boolean aCalls = true;

        PairState(VirtualUser a, VirtualUser b) {
            this.a = a;
            this.b = b;
        }

    }

    private record Call(long id, PairState pair, VirtualUser caller, VirtualUser callee, long startNanos,
            long startMicros, AtomicInteger remaining) {
    }

    CallSetupScenario(RunContext ctx) {
        this.ctx = ctx;
        this.traffic = new SignalTraffic(ctx.window(), ctx.clock());
    }

    BenchReport run() {
        BenchSettings s = ctx.settings();
        List<VirtualUser> users = ctx.newUsers("call", s.users() - s.users() % 2);
        users.forEach(u -> u.inbox(traffic));
        List<VirtualUser> connected = ctx.connectAll(users);
        List<Pairing.Pair<VirtualUser>> pairing = Pairing.acrossGateways(connected, VirtualUser::gateway);
        int crossing = Pairing.crossing(pairing, VirtualUser::gateway);
        for (Pairing.Pair<VirtualUser> p : pairing) {
            StreamTracker ab = new StreamTracker(p.a().userId(), p.b().userId());
            StreamTracker ba = new StreamTracker(p.b().userId(), p.a().userId());
            p.a().streams(ab, ba);
            p.b().streams(ba, ab);
            traffic.add(ab);
            traffic.add(ba);
            pairs.add(new PairState(p.a(), p.b()));
        }
        ctx.out().println(String.format(Locale.ROOT, "%d pairs, %d of them across gateways", pairs.size(), crossing));
        traffic.arrivals(this::arrived);
        if (pairs.isEmpty()) {
            ctx.note("no pair could be formed: no call was made");
        }
        else {
            drive(s);
        }
        traffic.stop();
        ctx.closeAll(connected);
        double seconds = ctx.window().seconds();
        BenchReport.Calls summary = new BenchReport.Calls(started.sum(), completed.sum(), calls.size(),
                skippedBusy.sum(), seconds == 0 ? 0 : Math.round(completedInWindow.sum() / seconds * 100) / 100.0,
                Percentiles.ofMicros(setup.total()), SIGNALS_PER_CALL);
        List<String> notes = new ArrayList<>(ctx.notes());
        if (skippedBusy.sum() > 0) {
            notes.add(skippedBusy.sum() + " calls were not started because every pair was busy: use more --users");
        }
        return new BenchReport(s.scenario().id(), s.runId(), ctx.startedAt(), ctx.reportSettings(),
                BenchReport.Machine.current(), ctx.connector().stats().summary(),
                traffic.summary(crossing * 2, pacerLateMaxMs), summary, null, null, ctx.services().summary(),
                ctx.cpu().summary(), notes);
    }

    private void drive(BenchSettings s) {
        double rate = s.rate() > 0 ? s.rate() : 10;
        if (s.rate() <= 0) {
            ctx.note("call-setup is open loop only: --rate 0 means 10 calls/s");
        }
        long startMicros = ctx.clock().micros();
        ctx.window()
            .set(startMicros + s.warmup().toNanos() / 1000,
                    startMicros + (s.warmup().toNanos() + s.duration().toNanos()) / 1000);
        long endNanos = System.nanoTime() + s.warmup().toNanos() + s.duration().toNanos();
        calling = true;
        RatePacer pacer = new RatePacer(rate, System.nanoTime());
        int[] cursor = { 0 };
        ScheduledFuture<?> pacing = ctx.ticker().scheduleAtFixedRate(() -> {
            long now = System.nanoTime();
            pacerLateMaxMs = Math.max(pacerLateMaxMs, pacer.lateness(now) / 1e6);
            long due = pacer.take(now);
            for (long i = 0; i < due && calling; i++) {
                PairState pair = idlePair(cursor);
                if (pair == null) {
                    skippedBusy.increment();
                }
                else {
                    startCall(pair);
                }
            }
        }, 0, 1, TimeUnit.MILLISECONDS);
        AtomicLong lastCompleted = new AtomicLong();
        ScheduledFuture<?> progress = ctx.everySecond(seconds -> {
            ctx.phase(ctx.window().contains(ctx.clock().micros()) ? "measure"
                    : ctx.clock().micros() < ctx.window().startMicros() ? "warmup" : "drain");
            Percentiles p = Percentiles.ofMicros(setup.interval());
            StreamTracker.Counts counts = traffic.counts();
            long done = completed.sum();
            ctx.progressLine(String.format(Locale.ROOT,
                    "calls %,.0f/s, %,d in progress | setup p50 %.1f p99 %.1f max %.1f ms | lost %,d refused %,d skipped %,d",
                    (done - lastCompleted.getAndSet(done)) / seconds, calls.size(), p.p50(), p.p99(), p.max(),
                    counts.lost(), counts.refused(), skippedBusy.sum()));
        });
        ctx.awaitCondition(() -> System.nanoTime() >= endNanos, s.warmup().plus(s.duration()).plusSeconds(1));
        calling = false;
        pacing.cancel(false);
        boolean drained = ctx.awaitCondition(() -> calls.isEmpty() && traffic.settled(), s.drain());
        progress.cancel(false);
        if (!drained) {
            ctx.note(
                    calls.size() + " calls were incomplete " + s.drain().toMillis() + " ms after the last one started");
        }
    }

    private PairState idlePair(int[] cursor) {
        for (int i = 0; i < pairs.size(); i++) {
            PairState pair = pairs.get(cursor[0]++ % pairs.size());
            if (pair.busy.compareAndSet(false, true)) {
                return pair;
            }
        }
        return null;
    }

    private void startCall(PairState pair) {
        VirtualUser caller = pair.aCalls ? pair.a : pair.b;
        VirtualUser callee = pair.aCalls ? pair.b : pair.a;
        pair.aCalls = !pair.aCalls;
        long id = nextCall.getAndIncrement();
        Call call = new Call(id, pair, caller, callee, System.nanoTime(), ctx.clock().micros(),
                new AtomicInteger(SIGNALS_PER_CALL));
        calls.put(id, call);
        started.increment();
        String to = callee.userId();
        traffic.send(caller, 'o', (seq, msgId, micros) -> Payloads.offer(to, msgId, id, seq, micros));
        trickle(caller, to, id);
    }

    private void trickle(VirtualUser from, String to, long call) {
        for (int i = 0; i < CANDIDATES; i++) {
            int index = i;
            traffic.send(from, 'i', (seq, msgId, micros) -> Payloads.candidate(to, msgId, call, seq, micros, index));
        }
    }

    private void arrived(VirtualUser recipient, GatewayMessage signal, long receivedMicros) {
        Call call = calls.get(signal.call());
        if (call == null) {
            return;
        }
        if ("offer".equals(signal.kind()) && recipient == call.callee()) {
            String to = call.caller().userId();
            traffic.send(recipient, 'a', (seq, msgId, micros) -> Payloads.answer(to, msgId, call.id(), seq, micros));
            trickle(recipient, to, call.id());
        }
        if (call.remaining().decrementAndGet() == 0) {
            setup.record((System.nanoTime() - call.startNanos()) / 1000, ctx.window().contains(call.startMicros()));
            completed.increment();
            if (ctx.window().contains(receivedMicros)) {
                completedInWindow.increment();
            }
            calls.remove(call.id());
            call.pair().busy.set(false);
        }
    }

}

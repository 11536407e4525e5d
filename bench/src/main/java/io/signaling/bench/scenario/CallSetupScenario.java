package io.signaling.bench.scenario;

import io.signaling.bench.client.VirtualUser;
import io.signaling.bench.pace.RatePacer;
import io.signaling.bench.report.CallSetupReport;
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

    private final ScenarioRun run;

    private final SignalTraffic traffic;

    private final LatencyRecorder setup = new LatencyRecorder();

    private final Map<Long, Call> calls = new ConcurrentHashMap<>();

    private final AtomicLong nextCall = new AtomicLong();

    private final LongAdder started = new LongAdder();

    private final LongAdder completed = new LongAdder();

    private final LongAdder completedInWindow = new LongAdder();

    private final LongAdder skippedBusy = new LongAdder();

    private final LongAdder refusedCalls = new LongAdder();

    private final List<PairState> pairs = new ArrayList<>();

    private final double rate;

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

    CallSetupScenario(ScenarioRun run, double rate) {
        this.run = run;
        this.rate = rate;
        this.traffic = new SignalTraffic(run.clock().window(), run.clock().clock());
    }

    CallSetupReport run() {
        RunSettings s = run.settings();
        List<VirtualUser> users = run.users().create("call", s.users() - s.users() % 2);
        users.forEach(u -> u.inbox(traffic));
        List<VirtualUser> connected = run.users().connectAll(users);
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
        run.log()
            .out()
            .println(String.format(Locale.ROOT, "%d pairs, %d of them across gateways", pairs.size(), crossing));
        traffic.arrivals(this::arrived);
        traffic.refusals(this::refused);
        if (pairs.isEmpty()) {
            run.log().note("no pair could be formed: no call was made");
        }
        else {
            drive(s);
        }
        traffic.stop();
        run.users().closeAll(connected);
        double seconds = run.clock().window().seconds();
        CallSetupReport.Calls summary = new CallSetupReport.Calls(started.sum(), completed.sum(),
                calls.size() + refusedCalls.sum(), skippedBusy.sum(),
                seconds == 0 ? 0 : Math.round(completedInWindow.sum() / seconds * 100) / 100.0,
                Percentiles.ofMicros(setup.total()), SIGNALS_PER_CALL);
        List<String> notes = new ArrayList<>();
        if (skippedBusy.sum() > 0) {
            notes.add(skippedBusy.sum() + " calls were not started because every pair was busy: use more --users");
        }
        return new CallSetupReport(run.summary(notes), new CallSetupReport.Load(rate),
                traffic.summary(crossing * 2, pacerLateMaxMs), summary);
    }

    private void drive(RunSettings s) {
        run.measureAfter(s.warmup(), s.duration());
        long endNanos = System.nanoTime() + s.warmup().plus(s.duration()).toNanos();
        calling = true;
        RatePacer pacer = new RatePacer(rate, System.nanoTime());
        int[] cursor = { 0 };
        ScheduledFuture<?> pacing = run.threads().pacer().scheduleAtFixedRate(() -> {
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
        ScheduledFuture<?> progress = run.log().everySecond(seconds -> {
            run.log().phase(run.clock().phase());
            Percentiles p = Percentiles.ofMicros(setup.interval());
            StreamTracker.Counts counts = traffic.counts();
            long done = completed.sum();
            run.log()
                .line(String.format(Locale.ROOT,
                        "calls %,.0f/s, %,d in progress | setup p50 %.1f p99 %.1f max %.1f ms | lost %,d refused %,d skipped %,d",
                        (done - lastCompleted.getAndSet(done)) / seconds, calls.size(), p.p50(), p.p99(), p.max(),
                        counts.lost(), counts.refused(), skippedBusy.sum()));
        });
        Waits.untilNanoTime(endNanos);
        calling = false;
        pacing.cancel(false);
        boolean drained = Waits.until(() -> calls.isEmpty() && traffic.settled(), s.drain());
        progress.cancel(false);
        if (!drained) {
            run.log()
                .note(calls.size() + " calls were incomplete " + s.drain().toMillis()
                        + " ms after the last one started");
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
        Call call = new Call(id, pair, caller, callee, System.nanoTime(), run.clock().micros(),
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

    /**
     * A signal of a call was refused: that call cannot complete (a browser would start
     * over), so it fails now and its pair is free for the next one. A pair makes one call
     * at a time, so the sender names it.
     */
    private void refused(VirtualUser sender) {
        for (Call call : calls.values()) {
            if ((call.caller() == sender || call.callee() == sender) && calls.remove(call.id()) != null) {
                refusedCalls.increment();
                call.pair().busy.set(false);
                return;
            }
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
        // removed once: a call that failed meanwhile (a refusal) does not complete too
        if (call.remaining().decrementAndGet() == 0 && calls.remove(call.id()) != null) {
            setup.record((System.nanoTime() - call.startNanos()) / 1000, run.clock().contains(call.startMicros()));
            completed.increment();
            if (run.clock().contains(receivedMicros)) {
                completedInWindow.increment();
            }
            call.pair().busy.set(false);
        }
    }

}

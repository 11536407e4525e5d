package io.signaling.bench.scenario;

import io.signaling.bench.client.VirtualUser;
import io.signaling.bench.pace.RatePacer;
import io.signaling.bench.report.ConnectStormReport;
import io.signaling.bench.stats.LatencyRecorder;
import io.signaling.bench.stats.Percentiles;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Sessions per second. Each cycle is a new user: {@code POST /connect}, SockJS open,
 * close (the gateway then deletes the session); with {@code --connect-only}, just
 * {@code POST /connect} (the session expires unacked after its TTL). Closed loop:
 * {@code --concurrency} cycles always in flight; open loop: {@code --rate} cycles started
 * per second.
 */
final class ConnectStormScenario {

    private final ScenarioRun run;

    private final LatencyRecorder cycles = new LatencyRecorder();

    private final AtomicLong nextUser = new AtomicLong();

    private final LongAdder done = new LongAdder();

    private final LongAdder doneInWindow = new LongAdder();

    private final LongAdder failed = new LongAdder();

    private final LongAdder inFlight = new LongAdder();

    private final double rate;

    private final boolean connectOnly;

    private volatile boolean running;

    private volatile double pacerLateMaxMs;

    ConnectStormScenario(ScenarioRun run, double rate, boolean connectOnly) {
        this.run = run;
        this.rate = rate;
        this.connectOnly = connectOnly;
    }

    ConnectStormReport run() {
        RunSettings s = run.settings();
        run.measureAfter(s.warmup(), s.duration());
        long endNanos = System.nanoTime() + s.warmup().plus(s.duration()).toNanos();
        running = true;
        ScheduledFuture<?> pacing = null;
        if (rate > 0) {
            RatePacer pacer = new RatePacer(rate, System.nanoTime());
            pacing = run.threads().pacer().scheduleAtFixedRate(() -> {
                long now = System.nanoTime();
                pacerLateMaxMs = Math.max(pacerLateMaxMs, pacer.lateness(now) / 1e6);
                long due = pacer.take(now);
                for (long i = 0; i < due && running; i++) {
                    cycle();
                }
            }, 0, 1, TimeUnit.MILLISECONDS);
        }
        else {
            for (int i = 0; i < s.concurrency(); i++) {
                loop();
            }
        }
        AtomicLong last = new AtomicLong();
        ScheduledFuture<?> progress = run.log().everySecond(seconds -> {
            run.log().phase(run.clock().phase());
            Percentiles p = Percentiles.ofMicros(cycles.interval());
            long n = done.sum();
            run.log()
                .line(String.format(Locale.ROOT,
                        "sessions %,.0f/s, %,d in flight | cycle p50 %.1f p99 %.1f max %.1f ms | failed %,d",
                        (n - last.getAndSet(n)) / seconds, inFlight.sum(), p.p50(), p.p99(), p.max(), failed.sum()));
        });
        Waits.untilNanoTime(endNanos);
        running = false;
        if (pacing != null) {
            pacing.cancel(false);
        }
        run.log().phase("drain");
        Waits.until(() -> inFlight.sum() == 0, s.drain().plus(s.timeout()));
        progress.cancel(false);
        double seconds = run.clock().window().seconds();
        ConnectStormReport.Storm storm = new ConnectStormReport.Storm(
                connectOnly ? "connect-only" : "connect-open-close", doneInWindow.sum(),
                seconds == 0 ? 0 : Math.round(doneInWindow.sum() / seconds * 100) / 100.0, failed.sum(),
                Percentiles.ofMicros(cycles.total()));
        List<String> notes = new ArrayList<>();
        if (connectOnly) {
            notes.add("connect-only: sessions were never opened; they expire after the session TTL");
        }
        if (pacerLateMaxMs > 100) {
            notes.add(String.format(Locale.ROOT, "the pacer fell up to %.0f ms behind its schedule", pacerLateMaxMs));
        }
        return new ConnectStormReport(run.summary(notes), new ConnectStormReport.Load(rate, connectOnly), storm);
    }

    /** Closed loop: one worker; its next cycle starts when this one ends. */
    private void loop() {
        if (!running) {
            return;
        }
        cycle().whenComplete((v, e) -> run.threads().callbacks().execute(this::loop));
    }

    private CompletableFuture<?> cycle() {
        VirtualUser user = new VirtualUser("storm-" + run.settings().runId() + "-" + nextUser.getAndIncrement());
        long startNanos = System.nanoTime();
        long startMicros = run.clock().micros();
        inFlight.increment();
        CompletableFuture<?> work = connectOnly ? run.users().connector().create(user.userId()) : run.users()
            .connector()
            .connect(user)
            .thenCompose(
                    u -> u.connection().close().orTimeout(run.settings().timeout().toMillis(), TimeUnit.MILLISECONDS));
        return work.whenComplete((v, error) -> {
            inFlight.decrement();
            if (error != null) {
                failed.increment();
                return;
            }
            cycles.record((System.nanoTime() - startNanos) / 1000, run.clock().contains(startMicros));
            done.increment();
            if (run.clock().contains(run.clock().micros())) {
                doneInWindow.increment();
            }
        });
    }

}

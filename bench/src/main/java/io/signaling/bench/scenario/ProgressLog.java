package io.signaling.bench.scenario;

import io.signaling.bench.stats.CpuMeter;
import io.signaling.bench.stats.ServiceMetrics;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.DoubleConsumer;
import java.util.function.Supplier;

/**
 * What a run tells its user as it goes: the once-a-second progress line (which also
 * samples the services and the tool's CPU) and the notes that end up in the report.
 */
final class ProgressLog {

    private final String scenario;

    private final PrintStream out;

    private final ScheduledExecutorService progress;

    private final WindowClock clock;

    private final ServiceMetrics services;

    private final CpuMeter cpu;

    private final long startNanos = System.nanoTime();

    private final List<String> notes = new ArrayList<>();

    private volatile String phase = "connect";

    /**
     * The services are scraped every this many progress lines, not every line: a scrape
     * of the relay's {@code /actuator/prometheus} (hundreds of Kafka Streams meters) once
     * a second took about a fifth of its CPU in a 1,000 signals/s run. The platform's CPU
     * per process comes from the operating system ({@code ProcessCpuWindow}).
     */
    private static final int SCRAPE_EVERY = 5;

    private int lines; // the progress thread's

    ProgressLog(String scenario, PrintStream out, ScheduledExecutorService progress, WindowClock clock,
            ServiceMetrics services, CpuMeter cpu) {
        this.scenario = scenario;
        this.out = out;
        this.progress = progress;
        this.clock = clock;
        this.services = services;
        this.cpu = cpu;
    }

    PrintStream out() {
        return out;
    }

    void note(String note) {
        synchronized (notes) {
            notes.add(note);
        }
        out.println("note: " + note);
    }

    List<String> notes() {
        synchronized (notes) {
            return List.copyOf(notes);
        }
    }

    void phase(String phase) {
        this.phase = phase;
    }

    /**
     * Runs {@code task} about once a second on the progress thread, with the seconds
     * since its previous run (a slow scrape or a busy machine stretches the interval;
     * rates must use it).
     */
    ScheduledFuture<?> everySecond(DoubleConsumer task) {
        long[] last = { System.nanoTime() };
        return progress.scheduleWithFixedDelay(() -> {
            long now = System.nanoTime();
            double seconds = Math.max(1e-3, (now - last[0]) / 1e9);
            last[0] = now;
            try {
                task.accept(seconds);
            }
            catch (RuntimeException e) {
                out.println("progress: " + e);
            }
        }, 1, 1, TimeUnit.SECONDS);
    }

    /**
     * Prints one progress line; also samples the tool's CPU, and every
     * {@value #SCRAPE_EVERY}th line the services.
     */
    void line(String text) {
        if (lines++ % SCRAPE_EVERY == 0) {
            services.sample(clock.measuringNow());
        }
        double cores = cpu.sample();
        out.println(String.format(Locale.ROOT, "[%s %4ds %-7s] %s | tool cpu %.2f cores", scenario,
                (System.nanoTime() - startNanos) / 1_000_000_000L, phase, text, cores));
    }

    /**
     * Waits for every future (at least 30 s, at most {@code limit} if longer), printing
     * {@code status} once a second; a note when it gives up.
     */
    void awaitAll(List<? extends CompletableFuture<?>> futures, Duration limit, Supplier<String> status) {
        CompletableFuture<Void> all = CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new));
        long deadline = System.nanoTime() + Math.max(limit.toNanos(), Duration.ofSeconds(30).toNanos());
        ScheduledFuture<?> printing = everySecond(seconds -> line(status.get()));
        try {
            all.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        }
        catch (TimeoutException e) {
            note("gave up waiting after " + limit.toSeconds() + " s: " + status.get());
        }
        catch (ExecutionException e) {
            // individual failures are counted by whoever completed them
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        finally {
            printing.cancel(false);
        }
    }

}

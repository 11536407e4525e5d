package io.signaling.bench.scenario;

import io.signaling.bench.report.RunSummary;
import io.signaling.bench.stats.CpuMeter;
import io.signaling.bench.stats.PlatformProcesses;
import io.signaling.bench.stats.ProcessCpuWindow;
import io.signaling.bench.stats.ServiceMetrics;
import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One scenario's run: its settings and the parts every scenario uses (threads, window
 * clock, progress log, virtual users, the services' metrics, the tool's CPU), and the
 * {@link RunSummary} they add up to.
 */
final class ScenarioRun implements AutoCloseable {

    private final RunSettings settings;

    private final BenchThreads threads = new BenchThreads();

    private final WindowClock clock = new WindowClock();

    private final CpuMeter cpu = new CpuMeter();

    private final ServiceMetrics services;

    private final ProgressLog log;

    private final VirtualUsers users;

    private final Instant startedAt = Instant.now();

    private final String loadAtStart = loadAverage();

    private final ProcessCpuWindow processCpu;

    /**
     * @param connectsInWindowOnly true where connecting is what is measured
     * (connect-storm); the others connect before their window and report every connect
     */
    ScenarioRun(RunSettings settings, PrintStream out, boolean connectsInWindowOnly) {
        this.settings = settings;
        this.services = new ServiceMetrics(HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build(), settings.managementPortOffset());
        services.watch(settings.url());
        this.processCpu = new ProcessCpuWindow(PlatformProcesses.find(settings.url().getPort()));
        settings.scrape().forEach(services::watchManagement);
        this.log = new ProgressLog(settings.scenario(), out, threads.progress(), clock, services, cpu);
        this.users = new VirtualUsers(settings, threads.callbacks(),
                () -> !connectsInWindowOnly || clock.measuringNow(), log, services);
    }

    /**
     * Opens the measured window after {@code warmup} for {@code duration}; the platform's
     * processes' CPU is read at both ends.
     */
    void measureAfter(Duration warmup, Duration duration) {
        clock.measureAfter(warmup, duration);
        threads.progress().schedule(processCpu::begin, warmup.toMillis(), TimeUnit.MILLISECONDS);
        threads.progress().schedule(processCpu::end, warmup.plus(duration).toMillis(), TimeUnit.MILLISECONDS);
    }

    RunSettings settings() {
        return settings;
    }

    BenchThreads threads() {
        return threads;
    }

    WindowClock clock() {
        return clock;
    }

    ProgressLog log() {
        return log;
    }

    VirtualUsers users() {
        return users;
    }

    ServiceMetrics services() {
        return services;
    }

    /** The run's shared figures and notes, then the scenario's own notes. */
    RunSummary summary(List<String> scenarioNotes) {
        List<String> notes = new ArrayList<>(log.notes());
        notes.addAll(scenarioNotes);
        // Everything shares the machine's cores: a busy machine (other builds, tests)
        // skews every figure.
        notes.add("load average (1, 5, 15 min) at start " + loadAtStart + ", at end " + loadAverage());
        return new RunSummary(settings.scenario(), settings.runId(), startedAt,
                new RunSummary.Settings(settings.url().toString(), settings.users(), seconds(settings.warmup()),
                        seconds(settings.duration()), seconds(settings.drain()), settings.concurrency()),
                RunSummary.Machine.current(), users.stats().summary(), services.summary(), processCpu.summary(),
                cpu.summary(), notes);
    }

    private static double seconds(Duration d) {
        return d.toMillis() / 1000.0;
    }

    /** The first three fields of /proc/loadavg, or "unknown" off Linux. */
    static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return fields[0] + " " + fields[1] + " " + fields[2];
        }
        catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    @Override
    public void close() {
        threads.close();
    }

}

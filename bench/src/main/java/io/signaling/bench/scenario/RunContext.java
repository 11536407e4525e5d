package io.signaling.bench.scenario;

import io.signaling.bench.client.AsyncLimiter;
import io.signaling.bench.client.ConnectStats;
import io.signaling.bench.client.Connector;
import io.signaling.sockjs.session.SessionClient;
import io.signaling.bench.client.VirtualUser;
import io.signaling.bench.report.BenchReport;
import io.signaling.sockjs.SockJsUrls;
import io.signaling.bench.stats.CpuMeter;
import io.signaling.bench.stats.MeasureWindow;
import io.signaling.bench.stats.ServiceMetrics;
import io.signaling.bench.stats.WallClock;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * What every scenario shares: the HTTP clients and their few threads, the connector, the
 * measured window, the tool's CPU meter, the services' metrics, and the once-a-second
 * progress line.
 */
public final class RunContext implements AutoCloseable {

    private final BenchSettings settings;

    private final PrintStream out;

    private final ExecutorService callbacks;

    private final ScheduledExecutorService ticker;

    private final ScheduledExecutorService progress;

    private final HttpClient http;

    private final List<HttpClient> sockets = new ArrayList<>();

    private final Connector connector;

    private final MeasureWindow window = new MeasureWindow();

    private final WallClock clock = WallClock.system();

    private final CpuMeter cpu = new CpuMeter();

    private final ServiceMetrics services;

    private final Instant startedAt = Instant.now();

    private final long startNanos = System.nanoTime();

    private final List<String> notes = new ArrayList<>();

    private volatile String phase = "connect";

    public RunContext(BenchSettings settings, PrintStream out) {
        this.settings = settings;
        this.out = out;
        // Two callback threads: the JDK client reads on its selector thread and completes
        // futures here.
        this.callbacks = Executors.newFixedThreadPool(2, daemon("bench-callbacks"));
        this.ticker = Executors.newSingleThreadScheduledExecutor(daemon("bench-pacer"));
        this.progress = Executors.newSingleThreadScheduledExecutor(daemon("bench-progress"));
        this.http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .executor(callbacks)
            .connectTimeout(settings.timeout())
            .build();
        for (int i = 0; i < settings.ioClients(); i++) {
            sockets.add(HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .executor(callbacks)
                .connectTimeout(settings.timeout())
                .build());
        }
        this.connector = new Connector(new SessionClient(http, settings.url(), settings.timeout()), sockets,
                new AsyncLimiter(settings.concurrency()), settings.timeout(), new ConnectStats(),
                // connect-storm measures connects in its window; the others connect
                // before theirs, and report them all
                () -> settings.scenario() != Scenario.CONNECT_STORM || window.contains(clock.micros()));
        this.services = new ServiceMetrics(HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build(), settings.managementPortOffset());
        services.watch(settings.url());
        settings.scrape().forEach(services::watchManagement);
    }

    public BenchSettings settings() {
        return settings;
    }

    public Connector connector() {
        return connector;
    }

    public MeasureWindow window() {
        return window;
    }

    public WallClock clock() {
        return clock;
    }

    public ScheduledExecutorService ticker() {
        return ticker;
    }

    public ExecutorService callbacks() {
        return callbacks;
    }

    public ServiceMetrics services() {
        return services;
    }

    public CpuMeter cpu() {
        return cpu;
    }

    public void note(String note) {
        synchronized (notes) {
            notes.add(note);
        }
        out.println("note: " + note);
    }

    public List<String> notes() {
        synchronized (notes) {
            return List.copyOf(notes);
        }
    }

    public void phase(String phase) {
        this.phase = phase;
    }

    public String phase() {
        return phase;
    }

    public PrintStream out() {
        return out;
    }

    /**
     * Users named {@code <prefix>-<runId>-<n>}, unique per run so runs never collide on a
     * userId.
     */
    public List<VirtualUser> newUsers(String prefix, int count) {
        List<VirtualUser> users = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            users.add(new VirtualUser(prefix + "-" + settings.runId() + "-" + i));
        }
        return users;
    }

    /**
     * Connects every user (bounded concurrency), printing progress; returns those that
     * made it.
     */
    public List<VirtualUser> connectAll(List<VirtualUser> users) {
        phase("connect");
        List<CompletableFuture<VirtualUser>> pending = new ArrayList<>(users.size());
        for (VirtualUser user : users) {
            pending.add(connector.connect(user));
        }
        awaitAll(pending,
                settings.timeout().multipliedBy(Math.max(1, users.size() / Math.max(1, settings.concurrency()))),
                () -> String.format(Locale.ROOT, "connected %,d of %,d (%,d failed)", connector.stats().succeeded(),
                        users.size(), connector.stats().failed()));
        List<VirtualUser> connected = new ArrayList<>();
        for (int i = 0; i < users.size(); i++) {
            if (pending.get(i).isDone() && !pending.get(i).isCompletedExceptionally()) {
                connected.add(users.get(i));
            }
        }
        connected.forEach(u -> services.watch(SockJsUrls.origin(u.gateway())));
        out.println(String.format(Locale.ROOT,
                "connected %,d of %,d users; per gateway %s; connect p50 %.1f ms p99 %.1f ms", connected.size(),
                users.size(), connector.stats().summary().byGateway(), connector.stats().summary().totalMs().p50(),
                connector.stats().summary().totalMs().p99()));
        if (connected.size() < users.size()) {
            note((users.size() - connected.size()) + " of " + users.size() + " users could not connect: "
                    + connector.stats().summary().failed());
        }
        return connected;
    }

    /** Waits for every future (bounded), printing {@code status} once a second. */
    public void awaitAll(List<? extends CompletableFuture<?>> futures, Duration limit, Supplier<String> status) {
        CompletableFuture<Void> all = CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new));
        long deadline = System.nanoTime() + Math.max(limit.toNanos(), Duration.ofSeconds(30).toNanos());
        ScheduledFuture<?> printing = everySecond(seconds -> progressLine(status.get()));
        try {
            all.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        }
        catch (java.util.concurrent.TimeoutException e) {
            note("gave up waiting after " + limit.toSeconds() + " s: " + status.get());
        }
        catch (java.util.concurrent.ExecutionException e) {
            // individual failures are counted by whoever completed them
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        finally {
            printing.cancel(false);
        }
    }

    /**
     * Waits until {@code done} holds or {@code limit} passes, checking every 20 ms; true
     * when it held.
     */
    public boolean awaitCondition(BooleanSupplier done, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
        return true;
    }

    /**
     * Runs {@code task} about once a second on the progress thread, with the seconds
     * since its previous run (a slow scrape or a busy machine stretches the interval;
     * rates must use it).
     */
    public ScheduledFuture<?> everySecond(java.util.function.DoubleConsumer task) {
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
     * Prints one progress line; also samples the services and the tool's CPU (once a
     * second).
     */
    public void progressLine(String text) {
        services.sample(window.contains(clock.micros()));
        double cores = cpu.sample();
        out.println(String.format(Locale.ROOT, "[%s %4ds %-7s] %s | tool cpu %.2f cores", settings.scenario(),
                (System.nanoTime() - startNanos) / 1_000_000_000L, phase, text, cores));
    }

    public BenchReport.Settings reportSettings() {
        BenchSettings s = settings;
        return new BenchReport.Settings(s.url().toString(), s.users(), s.rate(), s.messageBytes(),
                s.warmup().toMillis() / 1000.0, s.duration().toMillis() / 1000.0, s.concurrency(), s.window(),
                s.connectOnly());
    }

    public Instant startedAt() {
        return startedAt;
    }

    /**
     * Closes every user's socket (the gateway deletes their sessions) and waits a little
     * for the closes.
     */
    public void closeAll(List<VirtualUser> users) {
        phase("close");
        List<CompletableFuture<Integer>> closing = new ArrayList<>();
        for (VirtualUser user : users) {
            if (user.connection() != null) {
                closing.add(user.connection().close());
            }
        }
        CompletableFuture.allOf(closing.toArray(CompletableFuture[]::new))
            .completeOnTimeout(null, 10, TimeUnit.SECONDS)
            .exceptionally(e -> null)
            .join();
    }

    private static ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    @Override
    public void close() {
        ticker.shutdownNow();
        progress.shutdownNow();
        callbacks.shutdownNow();
    }

}

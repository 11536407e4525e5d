package io.signaling.bench.scenario;

import io.signaling.bench.client.AsyncLimiter;
import io.signaling.bench.client.ConnectStats;
import io.signaling.bench.client.Connector;
import io.signaling.sockjs.session.SessionClient;
import io.signaling.bench.client.VirtualUser;
import io.signaling.sockjs.SockJsUrls;
import io.signaling.bench.stats.ServiceMetrics;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Makes a run's users, connects them as a browser does (bounded concurrency, sockets
 * spread over a few HTTP clients), and closes them at the end. Every gateway a user lands
 * on is added to the services sampled.
 */
final class VirtualUsers {

    private final RunSettings settings;

    private final Connector connector;

    private final ProgressLog log;

    private final ServiceMetrics services;

    /**
     * @param connectsCount whether a connect finishing now counts in the connect stats'
     * window
     */
    VirtualUsers(RunSettings settings, Executor callbacks, BooleanSupplier connectsCount, ProgressLog log,
            ServiceMetrics services) {
        this.settings = settings;
        this.log = log;
        this.services = services;
        HttpClient http = client(settings, callbacks);
        List<HttpClient> sockets = new ArrayList<>();
        for (int i = 0; i < settings.ioClients(); i++) {
            sockets.add(client(settings, callbacks));
        }
        this.connector = new Connector(new SessionClient(http, settings.url(), settings.timeout()), sockets,
                new AsyncLimiter(settings.concurrency()), settings.timeout(), new ConnectStats(), connectsCount);
    }

    private static HttpClient client(RunSettings settings, Executor callbacks) {
        return HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .executor(callbacks)
            .connectTimeout(settings.timeout())
            .build();
    }

    Connector connector() {
        return connector;
    }

    ConnectStats stats() {
        return connector.stats();
    }

    /**
     * Users named {@code <prefix>-<runId>-<n>}, unique per run so runs never collide on a
     * userId.
     */
    List<VirtualUser> create(String prefix, int count) {
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
    List<VirtualUser> connectAll(List<VirtualUser> users) {
        log.phase("connect");
        List<CompletableFuture<VirtualUser>> pending = new ArrayList<>(users.size());
        for (VirtualUser user : users) {
            pending.add(connector.connect(user));
        }
        log.awaitAll(pending,
                settings.timeout().multipliedBy(Math.max(1, users.size() / Math.max(1, settings.concurrency()))),
                () -> String.format(Locale.ROOT, "connected %,d of %,d (%,d failed)", stats().succeeded(), users.size(),
                        stats().failed()));
        List<VirtualUser> connected = new ArrayList<>();
        for (int i = 0; i < users.size(); i++) {
            if (pending.get(i).isDone() && !pending.get(i).isCompletedExceptionally()) {
                connected.add(users.get(i));
            }
        }
        connected.forEach(u -> services.watch(SockJsUrls.origin(u.gateway())));
        ConnectStats.Summary summary = stats().summary();
        log.out()
            .println(String.format(Locale.ROOT,
                    "connected %,d of %,d users; per gateway %s; connect p50 %.1f ms p99 %.1f ms", connected.size(),
                    users.size(), summary.byGateway(), summary.totalMs().p50(), summary.totalMs().p99()));
        if (connected.size() < users.size()) {
            log.note((users.size() - connected.size()) + " of " + users.size() + " users could not connect: "
                    + summary.failed());
        }
        return connected;
    }

    /**
     * Closes every user's socket (the gateway deletes their sessions) and waits a little
     * for the closes.
     */
    void closeAll(List<VirtualUser> users) {
        log.phase("close");
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

}

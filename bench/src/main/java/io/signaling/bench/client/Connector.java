package io.signaling.bench.client;

import io.signaling.sockjs.SockJsConnection;
import io.signaling.sockjs.SockJsUrls;
import io.signaling.sockjs.session.Session;
import io.signaling.sockjs.session.SessionClient;
import java.net.http.HttpClient;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * Connects virtual users the way a browser does: {@code POST /connect}, then SockJS on
 * the returned listening address with the key. At most {@code concurrency} connects are
 * in flight; sockets are spread over several HTTP clients (each has one selector thread).
 */
public final class Connector {

    private final SessionClient sessions;

    private final List<HttpClient> sockets;

    private final AsyncLimiter limiter;

    private final Duration timeout;

    private final ConnectStats stats;

    private final BooleanSupplier inWindow;

    private final AtomicInteger next = new AtomicInteger();

    /**
     * @param inWindow whether a connect finishing now counts in the measured window
     */
    public Connector(SessionClient sessions, List<HttpClient> sockets, AsyncLimiter limiter, Duration timeout,
            ConnectStats stats, BooleanSupplier inWindow) {
        this.sessions = sessions;
        this.sockets = List.copyOf(sockets);
        this.limiter = limiter;
        this.timeout = timeout;
        this.stats = stats;
        this.inWindow = inWindow;
    }

    public ConnectStats stats() {
        return stats;
    }

    /**
     * Completes with the connected user, or exceptionally (counted in the stats by
     * cause).
     */
    public CompletableFuture<VirtualUser> connect(VirtualUser user) {
        return limiter.submit(() -> {
            long start = System.nanoTime();
            return sessions.connect(user.userId()).thenCompose(session -> {
                long created = System.nanoTime();
                user.bound(session);
                HttpClient http = sockets.get(Math.floorMod(next.getAndIncrement(), sockets.size()));
                return SockJsConnection
                    .open(http,
                            SockJsUrls.websocket(session.listeningAddress(), session.userId(), session.listeningKey()),
                            timeout, user)
                    .thenApply(connection -> {
                        long opened = System.nanoTime();
                        user.connected(session, connection);
                        stats.connected(session.listeningAddress(), (created - start) / 1000, (opened - created) / 1000,
                                inWindow.getAsBoolean());
                        return user;
                    });
            }).whenComplete((u, error) -> {
                if (error != null) {
                    stats.failed(cause(error));
                }
            });
        });
    }

    /**
     * Only {@code POST /connect}: the session is created and never opened (it expires
     * after its TTL).
     */
    public CompletableFuture<Session> create(String userId) {
        return limiter.submit(() -> {
            long start = System.nanoTime();
            return sessions.connect(userId).whenComplete((session, error) -> {
                if (error != null) {
                    stats.failed(cause(error));
                }
                else {
                    stats.created(session.listeningAddress(), (System.nanoTime() - start) / 1000,
                            inWindow.getAsBoolean());
                }
            });
        });
    }

    static String cause(Throwable error) {
        Throwable e = error;
        while ((e instanceof CompletionException || e instanceof java.util.concurrent.ExecutionException)
                && e.getCause() != null) {
            e = e.getCause();
        }
        if (e instanceof SessionClient.ConnectException refused) {
            return "connect-" + refused.status() + "-" + refused.code();
        }
        if (e instanceof WebSocketHandshakeException handshake) {
            return "handshake-" + handshake.getResponse().statusCode();
        }
        if (e instanceof TimeoutException || e instanceof java.net.http.HttpTimeoutException) {
            return "timeout";
        }
        if (e instanceof java.net.ConnectException) {
            return "connection-refused";
        }
        return e.getClass().getSimpleName();
    }

}

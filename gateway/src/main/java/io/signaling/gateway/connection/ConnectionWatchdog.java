package io.signaling.gateway.connection;

import io.signaling.gateway.config.GatewayProperties;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * One thread that looks at every connection a few times per limit: frames waiting with
 * nothing written for {@code send-time-limit} (a slow consumer, or a socket that never
 * cooperates), a ping or a SockJS heartbeat due, a pong overdue. It never writes itself
 * (pings are queued like frames), so it is on time however stuck a client is.
 */
@Component
class ConnectionWatchdog implements SmartLifecycle {

    private final ConnectionHub hub;

    private final long pingIntervalNanos;

    private final long pongTimeoutNanos;

    private final long tickMillis;

    private ScheduledExecutorService scheduler;

    private volatile boolean running;

    ConnectionWatchdog(ConnectionHub hub, GatewayProperties properties) {
        this.hub = hub;
        this.pingIntervalNanos = properties.pingInterval().toNanos();
        this.pongTimeoutNanos = properties.pongTimeout().toNanos();
        this.tickMillis = tick(properties.sendTimeLimit(), properties.pingInterval(), properties.pongTimeout(),
                properties.sockjsHeartbeat());
    }

    /**
     * A tenth of the shortest limit, between 50 ms and 1 s: a limit is enforced at most
     * 10 % (or 1 s) late.
     */
    static long tick(Duration... limits) {
        long shortest = Long.MAX_VALUE;
        for (Duration limit : limits) {
            shortest = Math.min(shortest, limit.toMillis());
        }
        return Math.max(50, Math.min(1000, shortest / 10));
    }

    @Override
    public void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "gateway-watchdog");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(this::checkAll, tickMillis, tickMillis, TimeUnit.MILLISECONDS);
        running = true;
    }

    void checkAll() {
        long now = System.nanoTime();
        for (Connection connection : hub.connections()) {
            try {
                connection.outbox().check(now, pingIntervalNanos, pongTimeoutNanos);
            }
            catch (RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger(ConnectionWatchdog.class)
                    .warn("Check of {} failed: {}", connection.userId(), e.getClass().getSimpleName());
            }
        }
    }

    @Override
    public void stop() {
        running = false;
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

}

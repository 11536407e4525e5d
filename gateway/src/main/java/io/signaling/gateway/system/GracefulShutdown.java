package io.signaling.gateway.system;

import io.signaling.gateway.connection.Connection;
import io.signaling.gateway.connection.ConnectionHub;
import io.signaling.gateway.connection.ConnectionReports;
import io.signaling.gateway.frame.CloseCodes;
import io.signaling.gateway.kafka.RecordWriter;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Drains the gateway before the web server stops: after the heartbeat tombstone, every
 * connection is closed with going-away and its session deleted with
 * {@code gateway-shutdown}; the reports are flushed before the producer closes. Clients
 * reconnect through {@code /connect}.
 */
@Component
class GracefulShutdown implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(GracefulShutdown.class);

    private final ConnectionHub hub;

    private final ConnectionReports reports;

    private final RecordWriter writer;

    private volatile boolean running;

    GracefulShutdown(ConnectionHub hub, ConnectionReports reports, RecordWriter writer) {
        this.hub = hub;
        this.reports = reports;
        this.writer = writer;
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        List<Connection> closed = hub.drain();
        // Closing usually reports at once through the handler; this covers a transport
        // that reports later.
        CompletableFuture<?>[] written = closed.stream()
            .map(connection -> reports.closed(connection, CloseCodes.GATEWAY_SHUTDOWN))
            .toArray(CompletableFuture[]::new);
        writer.flush();
        try {
            CompletableFuture.allOf(written).get(10, TimeUnit.SECONDS);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        catch (Exception e) {
            log.warn("Not every connection's end was reported: {}", e.toString());
        }
        log.info("Drained {} connections", closed.size());
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /**
     * Stops after the heartbeat tombstone and before the web server's graceful shutdown.
     */
    @Override
    public int getPhase() {
        return WebServerApplicationContext.GRACEFUL_SHUTDOWN_PHASE + 256;
    }

}

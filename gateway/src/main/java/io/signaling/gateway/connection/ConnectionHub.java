package io.signaling.gateway.connection;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.signaling.gateway.delivery.Recipient;
import io.signaling.gateway.delivery.Recipients;
import io.signaling.gateway.frame.CloseCodes;
import io.signaling.gateway.frame.CloseCodes.Refusal;
import io.signaling.gateway.handshake.ConnectedUsers;
import io.signaling.gateway.sessions.SessionsView;
import io.signaling.gateway.config.GatewayProperties;
import io.signaling.schemas.session.DeleteReason;
import io.signaling.schemas.session.SessionState;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Who is connected to this gateway: at most one connection per userId, and at most
 * {@code max-connections} in all. It also ends the connection of a session that the
 * sessions view shows deleted, expired or replaced.
 */
@Component
public class ConnectionHub implements Recipients, ConnectedUsers {

    private static final Logger log = LoggerFactory.getLogger(ConnectionHub.class);

    private final Map<String, Connection> byUser = new ConcurrentHashMap<>();

    /**
     * Places taken in {@link #byUser}, taken before a put: two handshakes at once cannot
     * both take the last one.
     */
    private final AtomicInteger places = new AtomicInteger();

    private final int maxConnections;

    private volatile boolean draining;

    ConnectionHub(SessionsView view, GatewayProperties properties, MeterRegistry meters) {
        this.maxConnections = properties.maxConnections();
        view.addListener(this::onSessionRow);
        Gauge.builder("signaling.gateway.connections", byUser, Map::size)
            .description("Open SockJS connections")
            .register(meters);
        Gauge.builder("signaling.gateway.connections.max", () -> maxConnections)
            .description("signaling.gateway.max-connections: handshakes past it are refused (gateway-full)")
            .register(meters);
    }

    /**
     * Adds the connection; null when it was, else why not (its user has one here, the
     * gateway is full or draining).
     */
    Refusal register(Connection connection) {
        if (draining) {
            return Refusal.SHUTTING_DOWN;
        }
        if (places.incrementAndGet() > maxConnections) {
            places.decrementAndGet();
            return Refusal.GATEWAY_FULL;
        }
        if (byUser.putIfAbsent(connection.userId(), connection) != null) {
            places.decrementAndGet();
            return Refusal.ALREADY_CONNECTED;
        }
        if (draining) { // drain() may have listed the connections before this one was
                        // added
            unregister(connection);
            return Refusal.SHUTTING_DOWN;
        }
        connection.registered();
        return null;
    }

    void unregister(Connection connection) {
        if (byUser.remove(connection.userId(), connection)) {
            places.decrementAndGet();
        }
    }

    @Override
    public boolean full() {
        return places.get() >= maxConnections;
    }

    public int maxConnections() {
        return maxConnections;
    }

    @Override
    public Recipient find(String userId) {
        return byUser.get(userId);
    }

    @Override
    public boolean isConnected(String userId) {
        return byUser.containsKey(userId);
    }

    @Override
    public boolean accepting() {
        return !draining;
    }

    public int size() {
        return byUser.size();
    }

    /** A weakly consistent view of the open connections, for the watchdog. */
    Iterable<Connection> connections() {
        return byUser.values();
    }

    /**
     * Stops accepting and closes every connection with going-away; returns the
     * connections it closed.
     */
    public List<Connection> drain() {
        draining = true;
        List<Connection> all = List.copyOf(byUser.values());
        for (Connection connection : all) {
            connection.close(CloseCodes.GATEWAY_SHUTDOWN, DeleteReason.GATEWAY_SHUTDOWN);
        }
        return all;
    }

    /**
     * A row changed in the sessions view: a connection whose session is gone or replaced
     * is closed.
     */
    void onSessionRow(String userId, SessionState row) {
        Connection connection = byUser.get(userId);
        if (connection != null && (row == null || !row.sessionId().equals(connection.sessionId()))) {
            log.info("Session {} of {} ended; closing its connection", connection.sessionId(), userId);
            connection.close(CloseCodes.SESSION_ENDED, null); // the relay already deleted
                                                              // it: nothing to report
        }
    }

}

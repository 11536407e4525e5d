package io.signaling.gateway.connection;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.signaling.gateway.delivery.Recipient;
import io.signaling.gateway.delivery.Recipients;
import io.signaling.gateway.frame.CloseCodes;
import io.signaling.gateway.handshake.ConnectedUsers;
import io.signaling.gateway.sessions.SessionsView;
import io.signaling.schemas.session.DeleteReason;
import io.signaling.schemas.session.SessionState;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Who is connected to this gateway: at most one connection per userId. It also ends the
 * connection of a session that the sessions view shows deleted, expired or replaced.
 */
@Component
public class ConnectionHub implements Recipients, ConnectedUsers {

    private static final Logger log = LoggerFactory.getLogger(ConnectionHub.class);

    private final Map<String, Connection> byUser = new ConcurrentHashMap<>();
    private volatile boolean draining;

    ConnectionHub(SessionsView view, MeterRegistry meters) {
        view.addListener(this::onSessionRow);
        Gauge.builder("signaling.gateway.connections", byUser, Map::size)
                .description("Open SockJS connections").register(meters);
    }

    /** Adds the connection unless its user already has one here or the gateway is draining. */
    boolean register(Connection connection) {
        if (draining || byUser.putIfAbsent(connection.userId(), connection) != null) {
            return false;
        }
        if (draining) { // drain() may have listed the connections before this one was added
            byUser.remove(connection.userId(), connection);
            return false;
        }
        connection.registered();
        return true;
    }

    void unregister(Connection connection) {
        byUser.remove(connection.userId(), connection);
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

    /** Stops accepting and closes every connection with going-away; returns the connections it closed. */
    public List<Connection> drain() {
        draining = true;
        List<Connection> all = List.copyOf(byUser.values());
        for (Connection connection : all) {
            connection.close(CloseCodes.GATEWAY_SHUTDOWN, DeleteReason.GATEWAY_SHUTDOWN);
        }
        return all;
    }

    /** A row changed in the sessions view: a connection whose session is gone or replaced is closed. */
    void onSessionRow(String userId, SessionState row) {
        Connection connection = byUser.get(userId);
        if (connection != null && (row == null || !row.sessionId().equals(connection.sessionId()))) {
            log.info("Session {} of {} ended; closing its connection", connection.sessionId(), userId);
            connection.close(CloseCodes.SESSION_ENDED, null); // the relay already deleted it: nothing to report
        }
    }
}

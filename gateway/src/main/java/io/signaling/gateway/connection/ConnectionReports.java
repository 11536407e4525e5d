package io.signaling.gateway.connection;

import io.signaling.gateway.report.ReportSink;
import io.signaling.gateway.config.GatewayIdentity;
import io.signaling.schemas.gateway.ConnectionClosed;
import io.signaling.schemas.gateway.ConnectionOpened;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;

/**
 * Tells the relay that a connection opened (the session is acked) or ended (it is
 * deleted), once each.
 */
@Component
public class ConnectionReports {

    private final ReportSink reports;

    private final GatewayIdentity identity;

    private final Clock clock;

    ConnectionReports(ReportSink reports, GatewayIdentity identity, Clock clock) {
        this.reports = reports;
        this.identity = identity;
        this.clock = clock;
    }

    void opened(Connection connection) {
        reports
            .report(new ConnectionOpened(connection.userId(), connection.sessionId(), identity.id(), clock.instant()));
    }

    /**
     * Reports the end of the connection unless it was already reported or there is
     * nothing to report.
     */
    public CompletableFuture<Void> closed(Connection connection, CloseStatus status) {
        if (!connection.claimReport()) {
            return CompletableFuture.completedFuture(null);
        }
        return connection.deleteReason(status)
            .map(reason -> reports.report(new ConnectionClosed(connection.userId(), connection.sessionId(),
                    identity.id(), reason, clock.instant())))
            .orElseGet(() -> CompletableFuture.completedFuture(null));
    }

}

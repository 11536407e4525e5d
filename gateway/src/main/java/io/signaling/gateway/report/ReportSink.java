package io.signaling.gateway.report;

import io.signaling.schemas.gateway.GatewayReport;
import java.util.concurrent.CompletableFuture;

/**
 * Where the gateway reports what it saw (opened, closed, undeliverable) for the relay to
 * decide on.
 */
public interface ReportSink {

    /**
     * Appends the report keyed by its userId; failures are logged here, the future is for
     * those who wait.
     */
    CompletableFuture<Void> report(GatewayReport report);

}

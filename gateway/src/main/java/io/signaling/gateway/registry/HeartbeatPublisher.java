package io.signaling.gateway.registry;

import io.signaling.gateway.connection.ConnectionHub;
import io.signaling.gateway.kafka.RecordWriter;
import io.signaling.gateway.signal.AdmissionControl;
import io.signaling.gateway.config.GatewayIdentity;
import io.signaling.gateway.config.GatewayProperties;
import io.signaling.schemas.gateway.GatewayHeartbeat;
import io.signaling.schemas.topic.Topics;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Announces this gateway on the compacted gateways topic every
 * {@code heartbeat-interval}, so session-service binds new sessions to it: with its
 * connections and {@code max-connections} (no session is bound to a full gateway) and
 * whether it is shedding load: refusing messages {@code overloaded} now, or a tenth of
 * those offered since the previous beat (at least 50: one client's burst past the
 * in-flight bound is not the platform's load). New sessions then go elsewhere; when every
 * gateway is, {@code /connect} answers 503 {@code overloaded}. The first beat waits until
 * the producer knows every topic the gateway writes, so no client of it has a Tomcat
 * thread wait for topic metadata. On shutdown, first of all, a tombstone withdraws it.
 */
@Component
class HeartbeatPublisher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(HeartbeatPublisher.class);

    private final RecordWriter writer;

    private final Topics topics;

    private final GatewayIdentity identity;

    private final ConnectionHub hub;

    private final AdmissionControl admission;

    private final Clock clock;

    private final Duration interval;

    private ScheduledExecutorService scheduler;

    private volatile boolean running;

    /**
     * Refused since the previous beat, at least this many and a tenth of those offered:
     * the gateway sheds load.
     */
    private static final long SHEDDING_REFUSALS = 50;

    private long refusalsAtLastBeat; // the heartbeat thread's own

    private long admissionsAtLastBeat; // likewise

    private boolean metadataKnown; // likewise

    HeartbeatPublisher(RecordWriter writer, Topics topics, GatewayIdentity identity, ConnectionHub hub,
            AdmissionControl admission, Clock clock, GatewayProperties properties) {
        this.writer = writer;
        this.topics = topics;
        this.identity = identity;
        this.hub = hub;
        this.admission = admission;
        this.clock = clock;
        this.interval = properties.heartbeatInterval();
    }

    @Override
    public void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "gateway-heartbeat");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleAtFixedRate(this::beat, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        running = true;
        log.info("Gateway {} announced at {} with deliveries partitions {}, at most {} connections", identity.id(),
                identity.listeningAddress(), identity.deliveryPartitions(), hub.maxConnections());
    }

    @Override
    public void stop() {
        if (!running) {
            return;
        }
        running = false;
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(5, TimeUnit.SECONDS);
            writer.write(topics.gateways(), identity.id(), null).get(5, TimeUnit.SECONDS);
            log.info("Gateway {} withdrawn", identity.id());
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        catch (Exception e) {
            log.warn("Gateway {} could not be withdrawn: {}", identity.id(), e.toString());
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /**
     * After the web server has bound its port (the listening address); the first to stop.
     */
    @Override
    public int getPhase() {
        return WebServerApplicationContext.GRACEFUL_SHUTDOWN_PHASE + 512;
    }

    private void beat() {
        if (!metadataKnown) {
            metadataKnown = writer.fetchMetadata(
                    List.of(topics.signals().name(), topics.gatewayReports().name(), topics.gateways().name()));
            if (!metadataKnown) {
                log.warn("Gateway {} not announced yet: Kafka did not answer for its topics' metadata", identity.id());
                return;
            }
        }
        long refusals = admission.refusals();
        long admissions = admission.admissions();
        long refused = refusals - refusalsAtLastBeat;
        long offered = refused + admissions - admissionsAtLastBeat;
        boolean overloaded = admission.shedding() || (refused >= SHEDDING_REFUSALS && refused * 10 >= offered);
        refusalsAtLastBeat = refusals;
        admissionsAtLastBeat = admissions;
        GatewayHeartbeat heartbeat = new GatewayHeartbeat(identity.id(), identity.listeningAddress(),
                identity.deliveryPartitions(), hub.size(), hub.maxConnections(), overloaded, clock.instant(),
                identity.startedAt());
        writer.write(topics.gateways(), identity.id(), heartbeat).whenComplete((metadata, failure) -> {
            if (failure == null) {
                admission.appendLeft(); // the log is reachable, whether or not a signal
                                        // probed it
            }
            else {
                log.warn("Heartbeat of {} not written: {}", identity.id(), failure.toString());
            }
        });
    }

}

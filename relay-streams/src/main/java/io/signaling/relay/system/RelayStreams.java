package io.signaling.relay.system;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.signaling.relay.topology.SignalingTopology;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KafkaStreams.CloseOptions;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Owns the {@link KafkaStreams} instance: a fresh one per start (a closed one cannot
 * restart), so the application context can be stopped and started again. Topics exist by
 * then: the {@code Topics} bean this is built from is only created once the brokers
 * showed them laid out as expected ({@code TopicsConfiguration};
 * {@code signaling topics create} creates them). The state dir is never cleaned on start:
 * it is the warm copy of the changelogs and spares a restore.
 */
final class RelayStreams implements SmartLifecycle {

    static final String HELD_SIGNALS_GAUGE = "signaling.relay.signals.held";
    static final String RESTARTS_COUNTER = "signaling.relay.streams.restarts";

    private static final Duration METRICS_REFRESH = Duration.ofSeconds(5);

    /** Kafka Streams names its global thread {@code <client id>-GlobalStreamThread}. */
    private static final String GLOBAL_THREAD_SUFFIX = "-GlobalStreamThread";

    private static final Duration FIRST_RESTART_DELAY = Duration.ofSeconds(1);

    private static final Duration MAX_RESTART_DELAY = Duration.ofSeconds(30);

    private static final Logger log = LoggerFactory.getLogger(RelayStreams.class);

    private final Topology topology;

    private final Properties config;

    private final MeterRegistry registry;

    private final Duration closeTimeout;

    private final Counter restarts;

    private final ScheduledExecutorService restarter = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "relay-streams-restart");
        thread.setDaemon(true);
        return thread;
    });

    private volatile KafkaStreams streams;

    private volatile boolean runningOnce;

    /**
     * Failures since the relay last reached RUNNING: each restart waits twice as long
     * (capped). Atomic, not guarded by this: Streams' threads update it from the state
     * listener while {@link #stop()} may hold the lock waiting for them.
     */
    private final AtomicInteger failedInARow = new AtomicInteger();

    private KafkaStreamsMetrics streamsMetrics;

    private ScheduledExecutorService metricsScheduler;

    RelayStreams(Topology topology, Properties config, MeterRegistry registry, Duration closeTimeout) {
        this.topology = topology;
        this.config = config;
        this.registry = registry;
        this.closeTimeout = closeTimeout;
        Gauge.builder(HELD_SIGNALS_GAUGE, this, RelayStreams::heldSignals)
            .description("Signals held for recipients that have not connected yet (this instance, approximate)")
            .register(registry);
        this.restarts = Counter.builder(RESTARTS_COUNTER)
            .description("Kafka Streams instances replaced after they failed (state ERROR)")
            .register(registry);
    }

    @Override
    public synchronized void start() {
        if (streams != null) {
            return;
        }
        KafkaStreams created = new KafkaStreams(topology, config);
        // A dead stream thread would leave its partitions unprocessed until a rebalance:
        // replace it at
        // once. The global thread (the gateways store) cannot be replaced — Kafka Streams
        // 4.1 even
        // fails with a ClassCastException when asked to, leaving the instance RUNNING
        // without it —
        // so its failure shuts this instance down (ERROR) and the listener below starts a
        // new one.
        created.setUncaughtExceptionHandler(e -> {
            if (Thread.currentThread().getName().endsWith(GLOBAL_THREAD_SUFFIX)) {
                log.error("The relay's global stream thread failed; replacing the whole instance", e);
                return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
            }
            log.error("A relay stream thread failed; replacing it", e);
            return StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        created.setStateListener((next, previous) -> {
            log.info("Relay streams {} -> {}", previous, next);
            if (next == KafkaStreams.State.RUNNING) {
                runningOnce = true;
                failedInARow.set(0);
            }
            if (next == KafkaStreams.State.ERROR) {
                // ERROR is final: the instance would route nothing until the process
                // restarts.
                restarter.schedule(() -> replaceFailed(created), nextRestartDelay().toMillis(), TimeUnit.MILLISECONDS);
            }
        });
        runningOnce = false;
        // Processor-node meters (record-e2e-latency) appear only once tasks are assigned:
        // look for
        // new Streams metrics every few seconds, not every minute as by default.
        metricsScheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "relay-streams-metrics");
            thread.setDaemon(true);
            return thread;
        });
        streamsMetrics = new KafkaStreamsMetrics(created, List.of(), metricsScheduler, METRICS_REFRESH);
        streamsMetrics.bindTo(registry);
        created.start();
        streams = created;
    }

    private synchronized void replaceFailed(KafkaStreams failed) {
        if (streams != failed) {
            return; // stopped, or replaced already
        }
        log.error("Relay streams failed (state ERROR); starting a new instance");
        restarts.increment();
        stop();
        start();
    }

    private Duration nextRestartDelay() {
        Duration delay = FIRST_RESTART_DELAY.multipliedBy(1L << Math.min(failedInARow.getAndIncrement(), 5));
        return delay.compareTo(MAX_RESTART_DELAY) > 0 ? MAX_RESTART_DELAY : delay;
    }

    @Override
    public synchronized void stop() {
        KafkaStreams current = streams;
        if (current == null) {
            return;
        }
        streams = null;
        // Leaving the group hands this instance's partitions over now, not after the
        // session timeout.
        if (!current.close(new CloseOptions().timeout(closeTimeout).leaveGroup(true))) {
            log.warn("Relay streams did not close within {}", closeTimeout);
        }
        streamsMetrics.close();
        metricsScheduler.shutdownNow();
        streamsMetrics = null;
        metricsScheduler = null;
    }

    @Override
    public boolean isRunning() {
        return streams != null;
    }

    /** The state now, or NOT_RUNNING when stopped. */
    KafkaStreams.State state() {
        KafkaStreams current = streams;
        return current == null ? KafkaStreams.State.NOT_RUNNING : current.state();
    }

    /**
     * Whether this instance reached RUNNING since its last start: until then it is not
     * ready.
     */
    boolean hasRun() {
        return runningOnce;
    }

    private double heldSignals() {
        KafkaStreams current = streams;
        if (current == null) {
            return Double.NaN;
        }
        try {
            return current
                .store(StoreQueryParameters.fromNameAndType(SignalingTopology.HELD_SIGNALS_STORE,
                        QueryableStoreTypes.keyValueStore()))
                .approximateNumEntries();
        }
        catch (InvalidStateStoreException e) {
            return Double.NaN; // not queryable while starting or rebalancing
        }
    }

}

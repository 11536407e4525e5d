package io.signaling.relay.system;

import io.signaling.relay.topology.RelaySettings;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The relay's settings ({@code signaling.relay.*}). Bootstrap servers and client security
 * come from {@code spring.kafka.*}; the topic layout from {@code signaling.topics.*}.
 *
 * @param applicationId Streams application id: consumer group and prefix of the changelog
 * topics. Changing it starts from scratch (new group, new changelogs)
 * @param stateDir where RocksDB keeps the stores; default
 * {@code <java.io.tmpdir>/signaling-relay}. Only a cache of the changelogs: deleting it
 * costs a restore, never data. Two relays on one host need two directories
 * @param unackedSessionTtl a session not acked within this expires and frees its userId
 * (contract default 30 s)
 * @param expiryScanInterval how often (wall clock) sessions are checked for expiry
 * @param numStandbyReplicas warm copies of each task's stores on other instances (default
 * 1): a task whose instance dies moves to one that has its stores already, instead of
 * restoring them from the changelogs first. With a single instance there is nowhere to
 * put a copy, and it costs nothing
 * @param numStreamThreads stream threads of this instance
 * @param commitInterval how often offsets are committed: bounds re-processing after a
 * crash, not latency
 * @param closeTimeout how long a stop waits for Streams to commit and close
 * @param processingGuarantee {@code at_least_once} (default: processors are idempotent
 * and gateways drop duplicates) or {@code exactly_once_v2}, which delays every delivery
 * until its transaction commits (docs/architecture.md, docs/performance.md)
 * @param gatewayTimeout a gateway whose last heartbeat is older than this is dead and its
 * sessions end {@code gateway-lost} (checked every {@code expiryScanInterval}); keep it
 * well above the gateways' {@code heartbeat-interval}
 * @param held signals held for a recipient that has not connected: bounds and batches
 * @param maxRecordBytes the largest delivery or held signal the relay writes; a signal
 * needing a larger one is answered {@code recipient-unavailable}. Keep it below the
 * producer's {@code max.request.size} and the topics' {@code max.message.bytes} (about 1
 * MiB each by default)
 * @param group how fast the Streams application's consumer group notices a dead instance
 */
@ConfigurationProperties("signaling.relay")
record RelayProperties(@DefaultValue("signaling-relay") String applicationId, String stateDir,
        @DefaultValue("30s") Duration unackedSessionTtl, @DefaultValue("1s") Duration expiryScanInterval,
        @DefaultValue("1") int numStandbyReplicas, @DefaultValue("1") int numStreamThreads,
        @DefaultValue("100ms") Duration commitInterval, @DefaultValue("30s") Duration closeTimeout,
        @DefaultValue("at_least_once") String processingGuarantee, @DefaultValue("10s") Duration gatewayTimeout,
        @DefaultValue Held held, @DefaultValue("1000000B") DataSize maxRecordBytes, @DefaultValue Group group) {

    /**
     * {@code signaling.relay.held.*}: per recipient at most {@code maxSignals} signals or
     * {@code maxBytes} held (contract §2: 1,000 or 4 MiB); past that a signal is answered
     * {@code recipient-unavailable}. Held signals are delivered on connect, or answered
     * when the session ends, {@code batchSize} at a time, one batch per
     * {@code batchInterval} after the first, so no backlog holds its task for long.
     */
    record Held(@DefaultValue("1000") int maxSignals, @DefaultValue("4MB") DataSize maxBytes,
            @DefaultValue("200") int batchSize, @DefaultValue("10ms") Duration batchInterval) {
    }

    RelayProperties {
        if (stateDir == null || stateDir.isBlank()) {
            stateDir = Path.of(System.getProperty("java.io.tmpdir"), "signaling-relay").toString();
        }
        if (held == null) {
            held = new Held(1000, DataSize.ofMegabytes(4), 200, Duration.ofMillis(10));
        }
        if (group == null) {
            group = Group.DEFAULTS;
        }
    }

    /**
     * The consumer group's failure detection ({@code signaling.relay.group.*}). An
     * instance that dies without leaving (kill -9, a lost host) keeps its partitions
     * until the group has not heard it for {@code sessionTimeout}: for the signals on
     * them, that is a pause in deliveries. Kafka's default is 45 s; 6 s is the least a
     * broker accepts by default ({@code group.min.session.timeout.ms}). The price: an
     * instance silent for longer — a stop-the-world GC pause, a frozen VM — is taken for
     * dead; its tasks move (nothing is lost, the rebalance costs a few seconds of
     * deliveries) and it rejoins. Heartbeats come from a thread of their own, so slow
     * processing does not count, only a whole JVM or host standing still. Raise it where
     * such stalls are longer (docs/operations.md).
     *
     * @param sessionTimeout silence after which the group drops an instance
     * ({@code session.timeout.ms})
     * @param heartbeatInterval how often an instance tells the group it lives
     * ({@code heartbeat.interval.ms}); also how soon the survivors learn that a rebalance
     * started. At most a third of {@code sessionTimeout}
     */
    record Group(@DefaultValue("6s") Duration sessionTimeout, @DefaultValue("1s") Duration heartbeatInterval) {

        static final Group DEFAULTS = new Group(Duration.ofSeconds(6), Duration.ofSeconds(1));

        Group {
            if (heartbeatInterval.multipliedBy(3).compareTo(sessionTimeout) > 0) {
                throw new IllegalArgumentException("signaling.relay.group.heartbeat-interval (" + heartbeatInterval
                        + ") must be at most a third of signaling.relay.group.session-timeout (" + sessionTimeout
                        + ")");
            }
        }
    }

    RelaySettings settings() {
        return new RelaySettings(
                unackedSessionTtl, expiryScanInterval, gatewayTimeout, new RelaySettings.Held(held.maxSignals(),
                        held.maxBytes().toBytes(), held.batchSize(), held.batchInterval()),
                Math.toIntExact(maxRecordBytes.toBytes()));
    }
}

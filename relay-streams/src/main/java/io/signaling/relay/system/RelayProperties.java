package io.signaling.relay.system;

import io.signaling.relay.topology.RelaySettings;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The relay's settings ({@code signaling.relay.*}). Bootstrap servers and client security come
 * from {@code spring.kafka.*}; the topic layout from {@code signaling.topics.*}.
 *
 * @param applicationId      Streams application id: consumer group and prefix of the changelog topics.
 *                           Changing it starts from scratch (new group, new changelogs)
 * @param stateDir           where RocksDB keeps the stores; default {@code <java.io.tmpdir>/signaling-relay}.
 *                           Only a cache of the changelogs: deleting it costs a restore, never data.
 *                           Two relays on one host need two directories
 * @param unackedSessionTtl  a session not acked within this expires and frees its userId (contract default 30 s)
 * @param expiryScanInterval how often (wall clock) sessions are checked for expiry
 * @param numStandbyReplicas warm copies of each task's stores on other instances, for fast fail-over
 * @param numStreamThreads   stream threads of this instance
 * @param commitInterval     how often offsets are committed: bounds re-processing after a crash, not latency
 * @param closeTimeout       how long a stop waits for Streams to commit and close
 * @param processingGuarantee {@code at_least_once} (default: processors are idempotent and gateways drop
 *                           duplicates) or {@code exactly_once_v2}, which delays every delivery until its
 *                           transaction commits (docs/architecture.md, docs/performance.md)
 * @param gatewayTimeout     a gateway whose last heartbeat is older than this is dead and its sessions end
 *                           {@code gateway-lost} (checked every {@code expiryScanInterval}); keep it well above
 *                           the gateways' {@code heartbeat-interval}
 */
@ConfigurationProperties("signaling.relay")
record RelayProperties(
        @DefaultValue("signaling-relay") String applicationId,
        String stateDir,
        @DefaultValue("30s") Duration unackedSessionTtl,
        @DefaultValue("1s") Duration expiryScanInterval,
        @DefaultValue("0") int numStandbyReplicas,
        @DefaultValue("1") int numStreamThreads,
        @DefaultValue("100ms") Duration commitInterval,
        @DefaultValue("30s") Duration closeTimeout,
        @DefaultValue("at_least_once") String processingGuarantee,
        @DefaultValue("10s") Duration gatewayTimeout) {

    RelayProperties {
        if (stateDir == null || stateDir.isBlank()) {
            stateDir = Path.of(System.getProperty("java.io.tmpdir"), "signaling-relay").toString();
        }
    }

    RelaySettings settings() {
        return new RelaySettings(unackedSessionTtl, expiryScanInterval, gatewayTimeout);
    }
}

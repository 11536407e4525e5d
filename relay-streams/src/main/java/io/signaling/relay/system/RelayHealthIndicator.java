package io.signaling.relay.system;

import org.apache.kafka.streams.KafkaStreams;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Health component {@code relay}. UP when Streams is RUNNING; also UP while REBALANCING
 * after it has run once (a rebalance is routine, the instance is still serving); DOWN
 * before the first RUNNING (starting or restoring: not ready to decide) and once it is
 * stopping, stopped or failed.
 */
final class RelayHealthIndicator implements HealthIndicator {

    private final RelayStreams streams;

    RelayHealthIndicator(RelayStreams streams) {
        this.streams = streams;
    }

    @Override
    public Health health() {
        KafkaStreams.State state = streams.state();
        boolean up = state == KafkaStreams.State.RUNNING
                || (state == KafkaStreams.State.REBALANCING && streams.hasRun());
        return (up ? Health.up() : Health.down()).withDetail("state", state.name()).build();
    }

}

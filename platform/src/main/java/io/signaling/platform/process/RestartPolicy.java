package io.signaling.platform.process;

import java.time.Duration;

/**
 * When the launcher restarts a child that died, and when it gives up. The n-th death in a
 * row waits {@code firstDelay × 2^(n-1)}, at most {@code maxDelay}; a run that lasted
 * {@code healthyRun} ends the row (the next death waits {@code firstDelay} again); the
 * {@code giveUpAfter}-th death in a row is not restarted: that child keeps dying, and the
 * platform stops.
 *
 * @param firstDelay the wait before the first restart
 * @param maxDelay the longest wait between restarts
 * @param healthyRun a run at least this long resets the backoff
 * @param giveUpAfter deaths in a row (none after a healthy run) that stop the platform
 */
public record RestartPolicy(Duration firstDelay, Duration maxDelay, Duration healthyRun, int giveUpAfter) {

    /**
     * 1 s doubling to 30 s, reset after a healthy minute; the 8th death in a row (about
     * 90 s of waits) ends it.
     */
    public static final RestartPolicy DEFAULT = new RestartPolicy(Duration.ofSeconds(1), Duration.ofSeconds(30),
            Duration.ofMinutes(1), 8);

    public RestartPolicy {
        if (giveUpAfter < 1) {
            throw new IllegalArgumentException("giveUpAfter must be at least 1, not " + giveUpAfter);
        }
    }

    /**
     * The wait before restarting after the {@code deathsInARow}-th death in a row (1 for
     * the first).
     */
    public Duration delay(int deathsInARow) {
        Duration delay = firstDelay;
        for (int i = 1; i < deathsInARow && delay.compareTo(maxDelay) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(maxDelay) > 0 ? maxDelay : delay;
    }

    public boolean givesUp(int deathsInARow) {
        return deathsInARow >= giveUpAfter;
    }

    public boolean wasHealthy(Duration run) {
        return run.compareTo(healthyRun) >= 0;
    }
}

package io.signaling.system;

import static org.awaitility.Awaitility.await;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * The contract's time bound "under normal load" (§2: the ack of an opened connection, the
 * deletion after a close, the closing after a {@code DELETE} each take effect within 2 s)
 * on the machine the test runs on. CI runs the whole suite on 2 cores, often with other
 * builds beside it: the bound is stretched by how far the load average exceeds the cores
 * (at most 5 times, so a platform that never does it still fails). The same time holds a
 * negative check: a wrongful ack, delete or delivery takes as long to land as a rightful
 * one.
 */
final class UnderLoad {

    static final Duration CONTRACT = Duration.ofSeconds(2);

    private static final double MAX_STRETCH = 5;

    private UnderLoad() {
    }

    /** {@link #CONTRACT}, stretched for the machine's current load. */
    static Duration contractBound() {
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        int cores = Runtime.getRuntime().availableProcessors();
        double stretch = load < 0 ? 1 : Math.min(MAX_STRETCH, Math.max(1, load / cores));
        return Duration.ofMillis(Math.round(CONTRACT.toMillis() * stretch));
    }

    /**
     * A negative check, held as long as a wrongful write would take to land; the first
     * time it is false fails it.
     */
    static void holdNegative(Callable<Boolean> stillTrue) {
        Duration window = contractBound();
        await().during(window).atMost(window.plusSeconds(5)).until(stillTrue);
    }

}

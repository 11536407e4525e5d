package io.signaling.platform.launch;

import io.signaling.platform.LaunchException;
import io.signaling.platform.process.ChildProcess;
import io.signaling.platform.process.Console;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Waits until every started service says UP on {@code /actuator/health} — real readiness,
 * not an open port: session-service is UP only once Kafka is reachable and a gateway is
 * live, the relay once its Streams are RUNNING. A service that exits first, or is not UP
 * in time, fails the start.
 */
final class Readiness {

    /** A started service and the port its actuator answers on. */
    record Component(String name, ChildProcess process, int port) {
    }

    private final HealthProbe probe;

    private final Console console;

    Readiness(HealthProbe probe, Console console) {
        this.probe = probe;
        this.console = console;
    }

    void await(Iterable<Component> components, Duration timeout) {
        Map<Component, String> pending = new LinkedHashMap<>();
        components.forEach(c -> pending.put(c, "not answering"));
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!pending.isEmpty()) {
            for (Component component : pending.keySet().toArray(Component[]::new)) {
                if (!component.process().isAlive()) {
                    throw new LaunchException(component.name() + " exited with code " + component.process().exitValue()
                            + " before it was ready; see its [" + component.process().name() + "] lines above");
                }
                String status = probe.status(component.port());
                if (HealthProbe.UP.equals(status)) {
                    pending.remove(component);
                    console.line("platform", component.name() + " is up");
                }
                else {
                    pending.put(component, status);
                }
            }
            if (pending.isEmpty()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                Map.Entry<Component, String> first = pending.entrySet().iterator().next();
                throw new LaunchException(first.getKey().name() + " was not ready within " + timeout.toSeconds()
                        + " s (health: " + first.getValue() + "); see its [" + first.getKey().process().name()
                        + "] lines above");
            }
            pause();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(500);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LaunchException("interrupted while waiting for the services to start");
        }
    }

}

package io.signaling.platform.process;

import io.signaling.platform.LaunchException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Every child of one launcher, each in a named slot that keeps its command: a child that
 * died can be started again in its slot ({@link #restart}), under the same name, with the
 * same command line (same ports, same gateway id). They stop in the reverse of their
 * slots' order — for the platform: gateways, session-service, relay, then the broker they
 * all need until the end — each with SIGTERM and a grace period. Once stopping has begun
 * nothing starts, so a shutdown that races a start or a restart leaves nothing behind.
 */
public final class ProcessGroup {

    private final Console console;

    private final Duration grace;

    private final List<Slot> slots = new ArrayList<>();

    private final Object stopLock = new Object();

    private boolean stopping;

    /** A child's place in the stop order, and what it runs now (null once stopped). */
    private static final class Slot {

        final String name;

        final List<String> command;

        final Path workDir;

        ChildProcess current;

        Process watchdog;

        Slot(String name, List<String> command, Path workDir) {
            this.name = name;
            this.command = List.copyOf(command);
            this.workDir = workDir;
        }

    }

    public ProcessGroup(Console console, Duration grace) {
        this.console = console;
        this.grace = grace;
    }

    public synchronized ChildProcess start(String name, List<String> command, Path workDir) {
        requireNotStopping(name);
        if (slots.stream().anyMatch(slot -> slot.name.equals(name))) {
            throw new IllegalArgumentException("a child named " + name + " exists already");
        }
        Slot slot = new Slot(name, command, workDir);
        slots.add(slot);
        launch(slot);
        return slot.current;
    }

    /**
     * Starts {@code name}'s command again, in its place in the stop order. Only for a
     * child that has exited: the supervisor restarts what died, it never runs two copies.
     */
    public synchronized ChildProcess restart(String name) {
        requireNotStopping(name);
        Slot slot = slots.stream()
            .filter(s -> s.name.equals(name))
            .findFirst()
            .orElseThrow(() -> new IllegalArgumentException("no child named " + name));
        if (slot.current != null && slot.current.isAlive()) {
            throw new IllegalStateException(name + " is still running (pid " + slot.current.pid() + ")");
        }
        launch(slot);
        return slot.current;
    }

    private void launch(Slot slot) {
        slot.current = ChildProcess.start(slot.name, slot.command, slot.workDir, console);
        // The previous run's watchdog ended with that run (it watches a pid that is
        // gone).
        slot.watchdog = Watchdog.guard(slot.current.pid()).orElse(null);
    }

    private void requireNotStopping(String name) {
        if (stopping) {
            throw new LaunchException("not starting " + name + ": the platform is stopping");
        }
    }

    public synchronized boolean stopping() {
        return stopping;
    }

    /** The current process of every slot, in start order. */
    public synchronized List<ChildProcess> children() {
        return slots.stream().filter(slot -> slot.current != null).map(slot -> slot.current).toList();
    }

    /**
     * Stops everything, newest first. Safe to call more than once and from a shutdown
     * hook: a second caller waits for the first to finish, so the JVM does not halt in
     * the middle of a stop.
     */
    public void stopAll() {
        stopAll(grace);
    }

    /**
     * Stops everything with this grace period instead (e.g. shorter once what they need
     * to stop cleanly is gone).
     */
    public void stopAll(Duration grace) {
        synchronized (stopLock) {
            stopChildren(grace);
        }
    }

    private void stopChildren(Duration grace) {
        List<ChildProcess> toStop = new ArrayList<>();
        List<Process> guards = new ArrayList<>();
        synchronized (this) {
            stopping = true;
            for (Slot slot : slots) {
                if (slot.current != null) {
                    toStop.add(slot.current);
                }
                if (slot.watchdog != null) {
                    guards.add(slot.watchdog);
                }
                slot.current = null;
                slot.watchdog = null;
            }
        }
        for (int i = toStop.size() - 1; i >= 0; i--) {
            ChildProcess child = toStop.get(i);
            if (child.isAlive()) {
                console.line("platform", "stopping " + child.name());
            }
            child.stop(grace);
        }
        guards.forEach(Process::destroy);
        if (!toStop.isEmpty()) {
            console.line("platform", "stopped");
        }
    }

}

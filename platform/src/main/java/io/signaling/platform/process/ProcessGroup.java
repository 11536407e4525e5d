package io.signaling.platform.process;

import io.signaling.platform.LaunchException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Every child of one launcher. They stop in the reverse of their start order — for the platform:
 * gateways, session-service, relay, then the broker they all need until the end — each with SIGTERM
 * and a grace period. Once stopping has begun no new child starts, so a shutdown that races a
 * start-up leaves nothing behind.
 */
public final class ProcessGroup {

    private final Console console;
    private final Duration grace;
    private final List<ChildProcess> children = new ArrayList<>();
    private final List<Process> watchdogs = new ArrayList<>();
    private final Object stopLock = new Object();
    private boolean stopping;

    public ProcessGroup(Console console, Duration grace) {
        this.console = console;
        this.grace = grace;
    }

    public synchronized ChildProcess start(String name, List<String> command, Path workDir) {
        if (stopping) {
            throw new LaunchException("not starting " + name + ": the platform is stopping");
        }
        ChildProcess child = ChildProcess.start(name, command, workDir, console);
        children.add(child);
        Watchdog.guard(child.pid()).ifPresent(watchdogs::add);
        return child;
    }

    public synchronized boolean stopping() {
        return stopping;
    }

    public synchronized List<ChildProcess> children() {
        return List.copyOf(children);
    }

    /**
     * Stops everything, newest first. Safe to call more than once and from a shutdown hook: a second
     * caller waits for the first to finish, so the JVM does not halt in the middle of a stop.
     */
    public void stopAll() {
        synchronized (stopLock) {
            stopChildren();
        }
    }

    private void stopChildren() {
        List<ChildProcess> toStop;
        List<Process> guards;
        synchronized (this) {
            stopping = true;
            toStop = new ArrayList<>(children);
            guards = new ArrayList<>(watchdogs);
            children.clear();
            watchdogs.clear();
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

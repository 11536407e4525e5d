package io.signaling.platform.launch;

import io.signaling.platform.LaunchException;
import io.signaling.platform.process.ChildProcess;
import io.signaling.platform.process.Console;
import io.signaling.platform.process.ProcessGroup;
import io.signaling.platform.process.RestartPolicy;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Keeps a started platform running, as systemd or compose's restart policy would: a child
 * that exits on its own — a service or the local broker alike — is restarted in its slot
 * (same command, ports, id and data dir) after a backoff, and the console says so, then
 * says when it is up again; the others keep running (the services' Kafka clients
 * reconnect to a restarted broker by themselves). Only the death that the
 * {@link RestartPolicy} gives up on (a child that keeps dying) ends the platform.
 *
 * <p>
 * One thread decides everything (the caller's, in {@link #supervise}); exits and due
 * restarts reach it as events, so no two decisions about one child ever race.
 */
final class Supervisor {

    private static final Duration POLL = Duration.ofSeconds(1);

    private static final Duration HEALTH_POLL = Duration.ofMillis(500);

    /**
     * How long each service gets to stop once the platform gave up on the broker: a
     * graceful stop writes to Kafka (tombstones, session ends, commits) and would only
     * wait out its timeouts.
     */
    static final Duration GRACE_WITHOUT_BROKER = Duration.ofSeconds(5);

    private final ProcessGroup group;

    private final Console console;

    private final RestartPolicy policy;

    /**
     * Children every other one needs to stop cleanly (the broker): given up on, the rest
     * stop quickly.
     */
    private final Set<String> needed;

    /**
     * Child name → whether it answers now (health UP, the broker's cluster described),
     * for "is up again".
     */
    private final Map<String, BooleanSupplier> upChecks;

    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();

    private final Map<String, Integer> deathsInARow = new HashMap<>();

    private final ScheduledExecutorService timers = Executors.newScheduledThreadPool(1, r -> {
        Thread thread = new Thread(r, "platform-supervisor");
        thread.setDaemon(true);
        return thread;
    });

    private sealed interface Event permits Exited, RestartDue {

    }

    /** {@code run}: how long the process had been running when it exited. */
    private record Exited(ChildProcess process, Duration run) implements Event {
    }

    private record RestartDue(String name) implements Event {
    }

    Supervisor(ProcessGroup group, Console console, RestartPolicy policy, Set<String> needed,
            Map<String, BooleanSupplier> upChecks) {
        this.group = group;
        this.console = console;
        this.policy = policy;
        this.needed = Set.copyOf(needed);
        this.upChecks = Map.copyOf(upChecks);
    }

    /**
     * Blocks while the platform runs. Returns once it is being stopped (a signal: the
     * shutdown hook stops the group); throws a {@link LaunchException} saying why when it
     * must stop (the caller stops the rest).
     */
    void supervise() {
        try {
            group.children().forEach(this::watch);
            while (!group.stopping()) {
                Event event = events.poll(POLL.toMillis(), TimeUnit.MILLISECONDS);
                if (event == null || group.stopping()) {
                    continue;
                }
                if (event instanceof Exited exited) {
                    exited(exited);
                }
                else if (event instanceof RestartDue due) {
                    restart(due.name());
                }
            }
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        finally {
            timers.shutdownNow();
        }
    }

    private void watch(ChildProcess child) {
        child.onExit().thenRun(() -> events.add(new Exited(child, child.uptime())));
    }

    private void exited(Exited exited) throws InterruptedException {
        ChildProcess child = exited.process();
        child.waitFor(); // its last lines reach the console before the verdict
        if (group.stopping()) {
            return;
        }
        String name = child.name();
        String how = "exited unexpectedly with code " + describe(child.exitValue());
        int deaths = policy.wasHealthy(exited.run()) ? 1 : deathsInARow.getOrDefault(name, 0) + 1;
        deathsInARow.put(name, deaths);
        if (policy.givesUp(deaths)) {
            String reason = name + " " + how + ", its " + ordinal(deaths) + " death in a row within "
                    + seconds(policy.healthyRun()) + " of its start; it keeps dying";
            console.line("platform", reason + ": stopping the platform");
            if (needed.contains(name)) {
                group.stopAll(GRACE_WITHOUT_BROKER);
            }
            throw new LaunchException(reason + ", so the platform stopped");
        }
        Duration delay = policy.delay(deaths);
        console.line("platform", name + " " + how + "; restarting it in " + seconds(delay)
                + (deaths > 1 ? " (" + ordinal(deaths) + " death in a row)" : ""));
        timers.schedule(() -> events.add(new RestartDue(name)), delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void restart(String name) {
        ChildProcess fresh;
        try {
            fresh = group.restart(name);
        }
        catch (LaunchException stopping) {
            return; // the platform began stopping since the restart was scheduled
        }
        console.line("platform", "restarted " + name + " (pid " + fresh.pid() + ")");
        watch(fresh);
        BooleanSupplier up = upChecks.get(name);
        if (up != null) {
            timers.schedule(() -> announceWhenUp(fresh, up), HEALTH_POLL.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Polls the restarted child until it answers (then says so) or it died again (then
     * its exit speaks).
     */
    private void announceWhenUp(ChildProcess child, BooleanSupplier up) {
        if (!child.isAlive() || group.stopping()) {
            return;
        }
        if (up.getAsBoolean()) {
            console.line("platform", child.name() + " is up again");
            return;
        }
        timers.schedule(() -> announceWhenUp(child, up), HEALTH_POLL.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * An exit code, and the signal behind it when there was one (the JVM reports 128 +
     * signal).
     */
    static String describe(int code) {
        if (code <= 128 || code > 128 + 64) {
            return Integer.toString(code);
        }
        int signal = code - 128;
        String name = switch (signal) {
            case 1 -> "SIGHUP";
            case 2 -> "SIGINT";
            case 6 -> "SIGABRT";
            case 9 -> "SIGKILL";
            case 11 -> "SIGSEGV";
            case 15 -> "SIGTERM";
            default -> "signal " + signal;
        };
        return code + " (" + name + ")";
    }

    private static String seconds(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }

    private static String ordinal(int n) {
        String suffix = (n % 100 >= 11 && n % 100 <= 13) ? "th" : switch (n % 10) {
            case 1 -> "st";
            case 2 -> "nd";
            case 3 -> "rd";
            default -> "th";
        };
        return n + suffix;
    }

}

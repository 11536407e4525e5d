package io.signaling.platform.process;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One child process of the launcher: a broker or a service. Its stdout and stderr go,
 * line by line, to the console under its prefix; {@link #stop} asks it to terminate
 * (SIGTERM) and forces it only after a grace period.
 */
public final class ChildProcess {

    private final String name;

    private final Process process;

    private final Thread pump;

    private final long startedNanos = System.nanoTime();

    private ChildProcess(String name, Process process, Thread pump) {
        this.name = name;
        this.process = process;
        this.pump = pump;
    }

    /**
     * Where there is {@code setsid}, children run in a session of their own: a Ctrl-C in
     * the terminal (SIGINT to the whole foreground process group) then reaches only the
     * launcher, which stops the children in order, instead of every child at once.
     */
    private static final List<Path> SETSID = List.of(Path.of("/usr/bin/setsid"), Path.of("/bin/setsid"));

    /**
     * Starts {@code command}, its output merged and prefixed with {@code [name]} on the
     * console.
     */
    public static ChildProcess start(String name, List<String> command, Path workDir, Console console) {
        ProcessBuilder builder = new ProcessBuilder(detached(command)).redirectErrorStream(true);
        if (workDir != null) {
            builder.directory(workDir.toFile());
        }
        Process process = launch(builder, name);
        Thread pump = new Thread(() -> copyLines(process, name, console), "output-" + name);
        pump.setDaemon(true);
        pump.start();
        return new ChildProcess(name, process, pump);
    }

    /**
     * Starts {@code command} on the launcher's own terminal: a service run alone needs no
     * prefix.
     */
    public static ChildProcess inheritIo(String name, List<String> command) {
        Process process = launch(new ProcessBuilder(command).inheritIO(), name);
        return new ChildProcess(name, process, null);
    }

    /**
     * {@code setsid} execs the command in place (same pid), since a child of the JVM
     * leads no process group.
     */
    private static List<String> detached(List<String> command) {
        return SETSID.stream().filter(Files::isExecutable).findFirst().map(setsid -> {
            List<String> wrapped = new ArrayList<>();
            wrapped.add(setsid.toString());
            wrapped.addAll(command);
            return wrapped;
        }).orElse(command);
    }

    private static Process launch(ProcessBuilder builder, String name) {
        try {
            return builder.start();
        }
        catch (IOException e) {
            throw new UncheckedIOException("could not start " + name, e);
        }
    }

    private static void copyLines(Process process, String name, Console console) {
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                console.line(name, line);
            }
        }
        catch (IOException closed) {
            // The stream closes when the process ends: nothing more to copy.
        }
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public int exitValue() {
        return process.exitValue();
    }

    public CompletableFuture<Process> onExit() {
        return process.onExit();
    }

    /** Time since it started (whether or not it still runs). */
    public Duration uptime() {
        return Duration.ofNanos(System.nanoTime() - startedNanos);
    }

    public int waitFor() throws InterruptedException {
        int code = process.waitFor();
        drainOutput();
        return code;
    }

    /**
     * SIGTERM, then SIGKILL (for it and anything it started) when it is still alive after
     * {@code grace}. Signals go through the process handle: {@link Process#destroy()}
     * would also close the pipe, and the child's shutdown log lines would be lost.
     */
    public void stop(Duration grace) {
        if (process.isAlive()) {
            process.toHandle().destroy();
            if (!awaitExit(grace)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.toHandle().destroyForcibly();
                awaitExit(Duration.ofSeconds(10));
            }
        }
        drainOutput();
    }

    private boolean awaitExit(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }

    /**
     * Lets the last lines a process printed reach the console before anyone reports on
     * it.
     */
    private void drainOutput() {
        if (pump == null) {
            return;
        }
        try {
            pump.join(2000);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

}

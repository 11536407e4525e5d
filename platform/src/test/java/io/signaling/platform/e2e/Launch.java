package io.signaling.platform.e2e;

import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/**
 * {@code bin/signaling platform …} as a user runs it: a real process whose stdout and
 * stderr are recorded line by line (and echoed to this test's output file for
 * post-mortems).
 */
final class Launch {

    private final Process process;

    private final List<String> stdout = new CopyOnWriteArrayList<>();

    private final List<String> stderr = new CopyOnWriteArrayList<>();

    private Launch(Process process) {
        this.process = process;
        record(process.getInputStream(), stdout, "out");
        record(process.getErrorStream(), stderr, "err");
    }

    /**
     * Never builds: the reactor has built the jars before this module's integration
     * tests.
     */
    static Launch start(Path root, String... args) {
        return start(root, Map.of(), args);
    }

    /**
     * With these environment variables on top of this JVM's (e.g. Spring properties every
     * service reads, or a PATH); never builds unless they set
     * {@code SIGNALING_SKIP_BUILD} to something else.
     */
    static Launch start(Path root, Map<String, String> environment, String... args) {
        List<String> command = new ArrayList<>(List.of(root.resolve("bin").resolve("signaling").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(root.toFile());
        builder.environment().put("SIGNALING_SKIP_BUILD", "1");
        builder.environment().putAll(environment);
        try {
            return new Launch(builder.start());
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void record(InputStream in, List<String> lines, String stream) {
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    lines.add(line);
                    System.out.println("[launch " + stream + "] " + line);
                }
            }
            catch (IOException ended) {
                // The launcher is gone.
            }
        }, "launch-" + stream);
        reader.setDaemon(true);
        reader.start();
    }

    /** The ready line, once printed; fails at once if the launcher exits first. */
    String awaitReady(Duration atMost) {
        await("the ready line").atMost(atMost).pollInterval(Duration.ofMillis(250)).until(() -> {
            if (readyLine().isPresent()) {
                return true;
            }
            if (!process.isAlive()) {
                throw new AssertionError("the launcher exited with " + process.exitValue() + " before it was ready: "
                        + String.join(" | ", stderr));
            }
            return false;
        });
        return readyLine().orElseThrow();
    }

    private Optional<String> readyLine() {
        return stdout.stream().filter(line -> line.startsWith("signaling platform ready:")).findFirst();
    }

    /**
     * The pid of {@code bin/signaling}: the launcher's JVM, or a service's when it runs
     * alone (the script execs).
     */
    long pid() {
        return process.pid();
    }

    /**
     * What the process runs: for {@code bin/signaling gateway …} that is the service's
     * JVM itself.
     */
    ProcessHandle.Info info() {
        return process.toHandle().info();
    }

    /**
     * The live child JVM whose command line holds {@code argument}, e.g.
     * {@code --signaling.gateway.id=gateway-2} or {@code kafka.Kafka}.
     */
    ProcessHandle child(String argument) {
        List<ProcessHandle> matches = process.toHandle()
            .descendants()
            .filter(ProcessHandle::isAlive)
            .filter(h -> h.info().command().orElse("").endsWith("java"))
            .filter(h -> h.info().arguments().map(List::of).orElse(List.of()).contains(argument))
            .toList();
        if (matches.size() != 1) {
            throw new AssertionError("expected one child JVM with " + argument + ", found " + matches.size());
        }
        return matches.get(0);
    }

    /** Whether the launcher printed this line (exactly) so far. */
    boolean printed(String line) {
        return stdout.contains(line);
    }

    /**
     * Every process the launcher started and that is alive now (broker, services,
     * watchdogs).
     */
    Set<ProcessHandle> descendants() {
        return process.toHandle().descendants().collect(Collectors.toSet());
    }

    /**
     * SIGTERM, as {@code kill} or a service manager would send it. Through the handle:
     * Process.destroy() would also close the pipes, and the launcher's last lines would
     * be lost.
     */
    void terminate() {
        process.toHandle().destroy();
    }

    int awaitExit(Duration atMost) {
        await("the launcher's exit").atMost(atMost).until(() -> !process.isAlive());
        return process.exitValue();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    void kill() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    List<String> stdout() {
        return List.copyOf(stdout);
    }

    List<String> stderr() {
        return List.copyOf(stderr);
    }

}

package io.signaling.platform.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Takes a child down when the launcher dies without running its shutdown hook (SIGKILL, a
 * crash): a tiny {@code sh} loop per child that polls both processes each second and,
 * once the launcher is gone, sends SIGTERM to the child and SIGKILL after 30 s. A JVM has
 * no portable "die with my parent" switch, and the services are not ours to change, so
 * the watching happens outside them.
 */
final class Watchdog {

    private static final Path SH = Path.of("/bin/sh");

    private static final String SCRIPT = """
            p=$1; c=$2
            while kill -0 "$p" 2>/dev/null && kill -0 "$c" 2>/dev/null; do sleep 1; done
            if kill -0 "$c" 2>/dev/null; then
              kill -TERM "$c" 2>/dev/null; i=0
              while kill -0 "$c" 2>/dev/null && [ "$i" -lt 30 ]; do sleep 1; i=$((i+1)); done
              kill -KILL "$c" 2>/dev/null
            fi
            """;

    private Watchdog() {
    }

    /**
     * A watchdog that stops {@code child} once this JVM is gone, or empty where there is
     * no POSIX shell.
     */
    static Optional<Process> guard(long child) {
        return guard(ProcessHandle.current().pid(), child);
    }

    static Optional<Process> guard(long parent, long child) {
        if (!Files.isExecutable(SH)) {
            return Optional.empty();
        }
        ProcessBuilder builder = new ProcessBuilder(SH.toString(), "-c", SCRIPT, "signaling-watchdog",
                Long.toString(parent), Long.toString(child))
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectError(ProcessBuilder.Redirect.DISCARD);
        try {
            return Optional.of(builder.start());
        }
        catch (IOException e) {
            return Optional.empty();
        }
    }

}

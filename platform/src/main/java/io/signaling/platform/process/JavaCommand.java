package io.signaling.platform.process;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Command lines of child JVMs, run by the launcher's own Java (the one bin/signaling
 * checked). Every child dies on OutOfMemoryError rather than limp on, and carries a
 * marker naming the platform it belongs to, so {@code ps} tells which data dir a stray
 * process served.
 */
public final class JavaCommand {

    /** System property on every child of a platform: its data dir. */
    public static final String MARKER_PROPERTY = "signaling.platform.data-dir";

    /**
     * The children's {@code java.io.tmpdir}, under the data dir (the launcher creates
     * it).
     */
    public static final String TMP_DIR = "tmp";

    private JavaCommand() {
    }

    public static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    public static List<String> jar(Path jar, List<String> jvmOptions, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(java());
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(jar.toString());
        command.addAll(args);
        return command;
    }

    public static List<String> mainClass(String classPath, String mainClass, List<String> jvmOptions,
            List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(java());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(classPath);
        command.add(mainClass);
        command.addAll(args);
        return command;
    }

    /**
     * Extra JVM options for every child, e.g. {@code -Xmx1g}; they come last, so they
     * win.
     */
    public static final String JAVA_OPTS_ENV = "SIGNALING_JAVA_OPTS";

    /**
     * Options of a child of the local platform: a bounded heap (five JVMs share one
     * machine), exit on OOM, the platform marker, temporary files under the data dir,
     * then {@value #JAVA_OPTS_ENV}.
     */
    public static List<String> childOptions(String maxHeap, Path dataDir) {
        List<String> options = new ArrayList<>(List.of("-Xms32m", "-Xmx" + maxHeap, "-XX:+ExitOnOutOfMemoryError",
                "-D" + MARKER_PROPERTY + "=" + dataDir, "-Djava.io.tmpdir=" + dataDir.resolve(TMP_DIR)));
        options.addAll(userOptions());
        return options;
    }

    /** Options of a service run alone (a deployment): the JVM sizes its heap itself. */
    public static List<String> standaloneOptions() {
        List<String> options = new ArrayList<>(List.of("-XX:+ExitOnOutOfMemoryError"));
        options.addAll(userOptions());
        return options;
    }

    private static List<String> userOptions() {
        String value = System.getenv(JAVA_OPTS_ENV);
        return value == null || value.isBlank() ? List.of() : List.of(value.trim().split("\\s+"));
    }

}

package io.signaling.platform.service;

import io.signaling.platform.Home;
import io.signaling.platform.LaunchException;
import io.signaling.platform.process.ChildProcess;
import io.signaling.platform.process.JavaCommand;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Unmatched;

/**
 * One service alone, against any Kafka cluster: {@code java -jar <its jar>} with every
 * argument passed through as Spring properties ({@code --name=value}).
 *
 * <p>
 * Through {@code bin/signaling} the service is one process: this command only resolves
 * the service's command line and writes it to the file named by {@value #EXEC_FILE_ENV},
 * and the script {@code exec}s it, so the service JVM takes the script's pid. A
 * supervisor (systemd, a test) that signals the pid it started reaches the service
 * itself, and no launcher JVM stays around. Run without that variable
 * ({@code java -jar platform-exec.jar gateway …}), the launcher starts the service as its
 * child on the same terminal and forwards SIGINT/SIGTERM to it (30 s grace).
 */
abstract class ServiceCommand implements Callable<Integer> {

    /**
     * Set by bin/signaling: where to write the command line (NUL-separated) instead of
     * running it.
     */
    static final String EXEC_FILE_ENV = "SIGNALING_EXEC_FILE";

    private static final Duration GRACE = Duration.ofSeconds(30);

    @Unmatched
    List<String> springArgs = new ArrayList<>();

    abstract Service service();

    /** What goes to the service's command line, as given. */
    public List<String> springArgs() {
        return List.copyOf(springArgs);
    }

    /**
     * The service's whole command line: this launcher's Java, the standalone JVM options,
     * its jar, the arguments.
     */
    List<String> command(Home home) {
        Path jar = home.requireServiceJar(service().module());
        return JavaCommand.jar(jar, JavaCommand.standaloneOptions(), springArgs);
    }

    @Override
    public Integer call() throws InterruptedException {
        List<String> command = command(Home.locate());
        String execFile = System.getenv(EXEC_FILE_ENV);
        if (execFile != null && !execFile.isBlank()) {
            writeForExec(Path.of(execFile), command);
            return 0;
        }
        ChildProcess child = ChildProcess.inheritIo(service().module(), command);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> child.stop(GRACE), "stop-" + service().module()));
        return child.waitFor();
    }

    /**
     * Each argument followed by NUL: the one byte no argument can contain, read back by
     * bash's {@code read -d ''}.
     */
    static void writeForExec(Path file, List<String> command) {
        StringBuilder text = new StringBuilder();
        command.forEach(arg -> text.append(arg).append('\0'));
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        }
        catch (IOException e) {
            throw new LaunchException("cannot write the service's command line to " + file + ": " + e.getMessage(), e);
        }
    }

}

package io.signaling.platform.service;

import io.signaling.platform.Home;
import io.signaling.platform.process.ChildProcess;
import io.signaling.platform.process.JavaCommand;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Unmatched;

/**
 * One service alone, against any Kafka cluster: {@code java -jar <its jar>} with every argument
 * passed through as Spring properties ({@code --name=value}). The service keeps the terminal; on
 * SIGINT or SIGTERM it is asked to stop and given 30 s; the exit code is the service's.
 */
abstract class ServiceCommand implements Callable<Integer> {

    private static final Duration GRACE = Duration.ofSeconds(30);

    @Unmatched
    List<String> springArgs = new ArrayList<>();

    abstract Service service();

    /** What goes to the service's command line, as given. */
    public List<String> springArgs() {
        return List.copyOf(springArgs);
    }

    @Override
    public Integer call() throws InterruptedException {
        Path jar = Home.locate().requireServiceJar(service().module());
        ChildProcess child = ChildProcess.inheritIo(service().module(),
                JavaCommand.jar(jar, JavaCommand.standaloneOptions(), springArgs));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> child.stop(GRACE), "stop-" + service().module()));
        return child.waitFor();
    }
}

package io.signaling.bench.stats;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The JVMs of a {@code bin/signaling platform} on this host, and the CPU each has used:
 * what a run costs every process, the broker included (it has no actuator), read from the
 * operating system (no scrape, so nothing is added to what is measured). The launcher
 * marks each child with its data dir; the platform is the one whose session-service
 * serves the port the tool drives.
 */
public final class PlatformProcesses {

    static final String MARKER = "-Dsignaling.platform.data-dir=";

    private final Map<String, ProcessHandle> byName;

    private PlatformProcesses(Map<String, ProcessHandle> byName) {
        this.byName = byName;
    }

    /**
     * The processes of the local platform whose session-service listens on
     * {@code sessionServicePort}; empty when there is none on this host (a remote
     * platform, or services not started by the launcher).
     */
    public static PlatformProcesses find(int sessionServicePort) {
        Map<String, List<String>> commandLines = new LinkedHashMap<>();
        Map<Long, ProcessHandle> handles = new LinkedHashMap<>();
        ProcessHandle.allProcesses().forEach(process -> process.info().arguments().ifPresent(args -> {
            commandLines.put(Long.toString(process.pid()), List.of(args));
            handles.put(process.pid(), process);
        }));
        Optional<String> dataDir = commandLines.values()
            .stream()
            .filter(args -> "session-service".equals(nameOf(args))
                    && args.contains("--server.port=" + sessionServicePort))
            .map(PlatformProcesses::marker)
            .flatMap(Optional::stream)
            .findFirst();
        Map<String, ProcessHandle> byName = new TreeMap<>();
        dataDir.ifPresent(dir -> commandLines.forEach((pid, args) -> {
            if (marker(args).filter(dir::equals).isPresent()) {
                byName.put(nameOf(args) == null ? "pid " + pid : nameOf(args), handles.get(Long.parseLong(pid)));
            }
        }));
        return new PlatformProcesses(byName);
    }

    /** The process's name in a report, from its command line; null when unknown. */
    static String nameOf(List<String> args) {
        for (String arg : args) {
            if (arg.startsWith("--signaling.gateway.id=")) {
                return arg.substring("--signaling.gateway.id=".length());
            }
        }
        if (args.contains("kafka.Kafka")) {
            return "kafka";
        }
        for (String arg : args) {
            if (arg.endsWith(".jar") && arg.contains("relay-streams")) {
                return "relay";
            }
            if (arg.endsWith(".jar") && arg.contains("session-service")) {
                return "session-service";
            }
        }
        return null;
    }

    static Optional<String> marker(List<String> args) {
        return args.stream()
            .filter(arg -> arg.startsWith(MARKER))
            .map(arg -> arg.substring(MARKER.length()))
            .findFirst();
    }

    public boolean isEmpty() {
        return byName.isEmpty();
    }

    /**
     * CPU time each process has used so far, by name; a process gone since is left out.
     */
    public Map<String, Duration> cpu() {
        Map<String, Duration> cpu = new TreeMap<>();
        byName.forEach((name, process) -> process.info().totalCpuDuration().ifPresent(used -> cpu.put(name, used)));
        return cpu;
    }

}

package io.signaling.platform.net;

import io.signaling.platform.LaunchException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Checks ports before anything starts, so a taken port is one clear line instead of a
 * half-started platform.
 */
public final class Ports {

    private Ports() {
    }

    /**
     * Fails, in order, on the first port of {@code uses} that is out of range, planned
     * twice, or already in use.
     */
    public static void requireFree(List<PortUse> uses) {
        Map<Integer, String> seen = new HashMap<>();
        for (PortUse use : uses) {
            if (use.port() < 1 || use.port() > 65535) {
                throw new LaunchException("port " + use.port() + " (" + use.owner() + ") is not a valid port number");
            }
            String other = seen.putIfAbsent(use.port(), use.owner());
            if (other != null) {
                throw new LaunchException("port " + use.port() + " is planned for both " + other + " and " + use.owner()
                        + "; choose ports that do not overlap (see --help)");
            }
        }
        for (PortUse use : uses) {
            if (!isFree(use.port())) {
                throw new LaunchException("port " + use.port() + " (" + use.owner() + ") is already in use; "
                        + "stop what is listening there or choose other ports (see --help)");
            }
        }
    }

    /**
     * Whether nothing listens on {@code port}: both the wildcard and the loopback address
     * must bind, since services listen on all interfaces and the broker on 127.0.0.1, and
     * some systems let a wildcard bind succeed next to a loopback listener. SO_REUSEADDR
     * ignores sockets of a previous run still in TIME_WAIT, as the servers themselves do.
     */
    public static boolean isFree(int port) {
        return canBind(new InetSocketAddress(port))
                && canBind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    }

    private static boolean canBind(InetSocketAddress address) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(address);
            return true;
        }
        catch (IOException inUse) {
            return false;
        }
    }

    /**
     * Where outgoing connections take their local ports when nothing can be read (Linux's
     * default).
     */
    private static final int[] DEFAULT_EPHEMERAL = { 32768, 60999 };

    private static final Path EPHEMERAL_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");

    /** How many ports just below the ephemeral range {@link #freePorts} chooses from. */
    private static final int SPAN = 2500;

    /** Ports this launcher handed out already: two calls never get the same one. */
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    /**
     * A port the system considers free right now (for internal listeners nobody types).
     */
    public static int freePort() {
        return freePorts(1)[0];
    }

    /**
     * {@code count} different ports, free right now, none handed out before by this JVM,
     * chosen at random just below the kernel's ephemeral range. Not from that range (what
     * binding port 0 gives): there the kernel hands the same ports to outgoing
     * connections — every Kafka client reconnecting to the broker takes one — so a port
     * chosen at plan time could be taken by the time its listener starts, or while the
     * broker restarts on its controller port ("port already in use").
     */
    public static int[] freePorts(int count) {
        int[] ephemeral = ephemeralRange();
        int high = ephemeral[0] - 1;
        int low = Math.max(1024, high - SPAN);
        if (high - low < count * 10) {
            low = ephemeral[1] + 1; // a system whose ephemeral range starts low: above it
            high = 65535;
        }
        int[] ports = new int[count];
        int found = 0;
        for (int attempt = 0; found < count; attempt++) {
            if (attempt > (high - low) * 2 + 100) {
                throw new UncheckedIOException(
                        new IOException("no " + count + " free ports between " + low + " and " + high));
            }
            int port = ThreadLocalRandom.current().nextInt(low, high + 1);
            if (!HANDED_OUT.contains(port) && isFree(port) && HANDED_OUT.add(port)) {
                ports[found++] = port;
            }
        }
        return ports;
    }

    /** The kernel's ephemeral port range, low and high. */
    static int[] ephemeralRange() {
        try {
            String[] bounds = Files.readString(EPHEMERAL_RANGE).trim().split("\\s+");
            return new int[] { Integer.parseInt(bounds[0]), Integer.parseInt(bounds[1]) };
        }
        catch (IOException | RuntimeException unreadable) {
            return DEFAULT_EPHEMERAL.clone();
        }
    }

}

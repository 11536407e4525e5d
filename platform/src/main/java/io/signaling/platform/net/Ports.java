package io.signaling.platform.net;

import io.signaling.platform.LaunchException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Checks ports before anything starts, so a taken port is one clear line instead of a half-started platform. */
public final class Ports {

    private Ports() {
    }

    /**
     * Fails, in order, on the first port of {@code uses} that is out of range, planned twice, or
     * already in use.
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
     * Whether nothing listens on {@code port}: both the wildcard and the loopback address must bind,
     * since services listen on all interfaces and the broker on 127.0.0.1, and some systems let a
     * wildcard bind succeed next to a loopback listener. SO_REUSEADDR ignores sockets of a previous
     * run still in TIME_WAIT, as the servers themselves do.
     */
    public static boolean isFree(int port) {
        return canBind(new InetSocketAddress(port)) && canBind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
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

    /** A port the system considers free right now (for internal listeners nobody types). */
    public static int freePort() {
        return freePorts(1)[0];
    }

    /**
     * {@code count} different ports the system considers free right now. They are held open
     * together while chosen: two calls of {@link #freePort()} may be handed the same port, which a
     * broker given it for two listeners would not survive.
     */
    public static int[] freePorts(int count) {
        List<ServerSocket> held = new ArrayList<>();
        try {
            int[] ports = new int[count];
            for (int i = 0; i < count; i++) {
                ServerSocket socket = new ServerSocket();
                held.add(socket);
                socket.setReuseAddress(true);
                socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                ports[i] = socket.getLocalPort();
            }
            return ports;
        }
        catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        }
        finally {
            for (ServerSocket socket : held) {
                try {
                    socket.close();
                }
                catch (IOException ignored) {
                    // it was only held to keep the port from being handed out twice
                }
            }
        }
    }
}

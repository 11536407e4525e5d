package io.signaling.platform.e2e;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ports for platforms the tests start: free now, in a range ephemeral ports rarely use.
 */
final class TestPorts {

    /** What bin/signaling platform adds to a service's port for its management port. */
    static final int MANAGEMENT_OFFSET = 100;

    private TestPorts() {
    }

    /**
     * An {@code --http-port} for a platform of {@code gateways} gateways: it and the
     * ports after it (the gateways) are free, and so are the same ports
     * {@value #MANAGEMENT_OFFSET} above (their management ports).
     */
    static int platformHttpPort(int gateways) throws IOException {
        for (int attempt = 0; attempt < 200; attempt++) {
            int first = ThreadLocalRandom.current().nextInt(20000, 30000);
            if (free(first, gateways + 1) && free(first + MANAGEMENT_OFFSET, gateways + 1)) {
                return first;
            }
        }
        throw new IOException("no free ports for a platform of " + gateways + " gateways");
    }

    /** The first of {@code size} consecutive free ports. */
    static int freePortBlock(int size) throws IOException {
        for (int attempt = 0; attempt < 200; attempt++) {
            int first = ThreadLocalRandom.current().nextInt(20000, 30000);
            if (free(first, size)) {
                return first;
            }
        }
        throw new IOException("no block of " + size + " free ports");
    }

    private static boolean free(int first, int size) {
        for (int port = first; port < first + size; port++) {
            try (ServerSocket socket = new ServerSocket()) {
                socket.bind(new InetSocketAddress(port));
            }
            catch (IOException taken) {
                return false;
            }
        }
        return true;
    }

}

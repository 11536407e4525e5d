package io.signaling.system;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP proxy between test clients and one server that can make its clients vanish the
 * way a phone that lost its network does: {@link #swallow()} stops it reading and
 * forwarding in both directions, without closing anything. Bytes then pile up in the
 * sockets' buffers (kept small here) until the server's writes stall; nothing reaches
 * either side, no FIN, no RST. Or the way a killed app or a dropped Wi-Fi does:
 * {@link #abort()} resets every connection (RST both ways) and takes no new one, so a
 * client can neither finish a request nor make the next.
 */
final class TcpProxy implements AutoCloseable {

    private static final int BUFFER = 8 * 1024;

    private final ServerSocket server;

    private final InetSocketAddress target;

    private final List<Socket> sockets = new CopyOnWriteArrayList<>();

    private volatile boolean swallowing;

    private volatile boolean closed;

    TcpProxy(int targetPort) throws IOException {
        this.target = new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort);
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "tcp-proxy-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    /** From now on nothing is read or forwarded, either way; connections stay open. */
    void swallow() {
        swallowing = true;
    }

    /** Every connection reset both ways (RST, not FIN), and no new one accepted. */
    void abort() throws IOException {
        close(true);
    }

    private void accept() {
        while (!closed) {
            try {
                Socket client = server.accept();
                Socket upstream = new Socket();
                upstream.setReceiveBufferSize(BUFFER);
                upstream.connect(target, 5_000);
                client.setReceiveBufferSize(BUFFER);
                sockets.add(client);
                sockets.add(upstream);
                pump(client, upstream, "up");
                pump(upstream, client, "down");
            }
            catch (IOException e) {
                if (!closed) {
                    continue;
                }
                return;
            }
        }
    }

    private void pump(Socket from, Socket to, String direction) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[BUFFER];
            try {
                // Streams are not closed here: closing one closes its socket, which would
                // send a FIN.
                InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream();
                int read;
                while (!swallowing && (read = in.read(buffer)) >= 0) {
                    if (swallowing) {
                        break; // read after the network "went away": dropped, and nothing
                               // more is read
                    }
                    out.write(buffer, 0, read);
                    out.flush();
                }
                if (!swallowing) {
                    to.shutdownOutput(); // a real close passes through
                    return;
                }
                parkUntilClosed();
            }
            catch (IOException e) {
                // a side closed
            }
        }, "tcp-proxy-" + direction);
        thread.setDaemon(true);
        thread.start();
    }

    private void parkUntilClosed() {
        synchronized (this) {
            while (!closed) {
                try {
                    wait();
                }
                catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    @Override
    public void close() throws IOException {
        close(false);
    }

    private void close(boolean reset) throws IOException {
        synchronized (this) {
            closed = true;
            notifyAll();
        }
        server.close();
        for (Socket socket : sockets) {
            if (reset && !socket.isClosed()) {
                socket.setSoLinger(true, 0); // closing now sends RST
            }
            socket.close();
        }
    }

}

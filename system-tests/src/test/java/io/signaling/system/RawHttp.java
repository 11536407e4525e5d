package io.signaling.system;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * HTTP/1.1 spoken by hand over a socket, for what well-behaved clients never do: a request that
 * comes from another loopback address (127.0.0.2, an "other client"), a body of 64 MiB made on the
 * fly, an upgrade request that is never followed by reading.
 */
final class RawHttp {

    private RawHttp() {
    }

    /** A socket to {@code url}'s host and port, from {@code localAddress} (any 127.x.y.z works on Linux). */
    static Socket connect(URI url, String localAddress, int receiveBuffer) {
        try {
            Socket socket = new Socket();
            if (receiveBuffer > 0) {
                socket.setReceiveBufferSize(receiveBuffer); // before connect: it sizes the TCP window
            }
            socket.bind(new InetSocketAddress(InetAddress.getByName(localAddress), 0));
            socket.connect(new InetSocketAddress(url.getHost(), url.getPort()), 5_000);
            return socket;
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the request line and headers of {@code method url}. */
    static void head(Socket socket, String method, URI url, String... headers) throws IOException {
        StringBuilder head = new StringBuilder(method).append(' ').append(url.getRawPath());
        if (url.getRawQuery() != null) {
            head.append('?').append(url.getRawQuery());
        }
        head.append(" HTTP/1.1\r\nHost: ").append(url.getHost()).append(':').append(url.getPort()).append("\r\n");
        for (String header : headers) {
            head.append(header).append("\r\n");
        }
        head.append("\r\n");
        socket.getOutputStream().write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        socket.getOutputStream().flush();
    }

    /** The status code of the response, read within {@code timeoutMillis}. */
    static int status(Socket socket, int timeoutMillis) throws IOException {
        socket.setSoTimeout(timeoutMillis);
        BufferedReader reader = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
        String line = reader.readLine();
        if (line == null) {
            throw new IOException("closed without a response");
        }
        return Integer.parseInt(line.split(" ")[1]);
    }

    /**
     * Streams a SockJS {@code xhr_send} body of {@code bytes} (one message of one long string:
     * valid, so only its size can refuse it), chunked or as announced by Content-Length, until done
     * or the server stops taking it; returns the bytes written.
     */
    static long streamBody(Socket socket, long bytes, boolean chunked) {
        byte[] block = new byte[64 * 1024];
        Arrays.fill(block, (byte) 'x');
        long written = 0;
        try {
            OutputStream out = socket.getOutputStream();
            written += part(out, "[\"".getBytes(StandardCharsets.ISO_8859_1), chunked);
            while (written < bytes - 2) {
                written += part(out, Arrays.copyOf(block, (int) Math.min(block.length, bytes - 2 - written)), chunked);
            }
            written += part(out, "\"]".getBytes(StandardCharsets.ISO_8859_1), chunked);
            if (chunked) {
                out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            }
            out.flush();
        }
        catch (IOException e) {
            // the server closed the connection under the body: what a refusal before reading looks like
        }
        return written;
    }

    private static int part(OutputStream out, byte[] data, boolean chunked) throws IOException {
        if (chunked) {
            out.write((Integer.toHexString(data.length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        }
        out.write(data);
        if (chunked) {
            out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
        }
        return data.length;
    }
}

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
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * HTTP/1.1 spoken by hand over a socket, as an attacker writes it: from another loopback
 * address (127.0.0.2 is "another client" on Linux), with a body of any size made on the
 * fly and streamed as fast as the server takes it ({@code Content-Length} or chunked),
 * the response read while the body is still being sent, or an upgrade request never
 * followed by reading.
 */
final class RawHttp {

    /** The status line's code and the headers (lower-case names) of a response. */
    record Answer(int status, Map<String, String> headers) {
    }

    private RawHttp() {
    }

    /**
     * POSTs {@code bodyBytes} of filler to {@code url} from {@code localAddress}; returns
     * the response's status and headers, or status -1 if the server closed without
     * answering.
     */
    static Answer post(String url, String localAddress, String contentType, long bodyBytes, boolean chunked)
            throws IOException {
        URI uri = URI.create(url);
        try (Socket socket = connect(uri, localAddress, 0)) {
            socket.setSoTimeout(30_000);
            head(socket, "POST", uri, "Content-Type: " + contentType,
                    chunked ? "Transfer-Encoding: chunked" : "Content-Length: " + bodyBytes, "Connection: close");
            CompletableFuture<Void> sending = CompletableFuture.runAsync(() -> send(socket, bodyBytes, chunked));
            try {
                return read(socket);
            }
            finally {
                sending.cancel(true);
            }
        }
    }

    /**
     * A small request from {@code localAddress}, e.g. a {@code /connect} with an invalid
     * userId.
     */
    static Answer post(String url, String localAddress, String contentType, String body) throws IOException {
        URI uri = URI.create(url);
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        try (Socket socket = connect(uri, localAddress, 0)) {
            socket.setSoTimeout(30_000);
            head(socket, "POST", uri, "Content-Type: " + contentType, "Content-Length: " + bytes.length,
                    "Connection: close");
            socket.getOutputStream().write(bytes);
            socket.getOutputStream().flush();
            return read(socket);
        }
    }

    private static void send(Socket socket, long bodyBytes, boolean chunked) {
        byte[] block = new byte[64 * 1024];
        Arrays.fill(block, (byte) 'x');
        try {
            OutputStream out = socket.getOutputStream();
            for (long sent = 0; sent < bodyBytes; sent += block.length) {
                part(out, Arrays.copyOf(block, (int) Math.min(block.length, bodyBytes - sent)), chunked);
            }
            if (chunked) {
                out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            }
            out.flush();
        }
        catch (IOException closedByTheServer) {
            // the server answered and closed: the rest of the body is not wanted
        }
    }

    private static Answer read(Socket socket) throws IOException {
        BufferedReader in = new BufferedReader(
                new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
        String status = in.readLine();
        if (status == null) {
            return new Answer(-1, Map.of());
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.put(line.substring(0, colon).trim().toLowerCase(), line.substring(colon + 1).trim());
            }
        }
        return new Answer(Integer.parseInt(status.split(" ")[1]), headers);
    }

    /**
     * A socket to {@code url}'s host and port, from {@code localAddress} (any 127.x.y.z
     * works on Linux).
     */
    static Socket connect(URI url, String localAddress, int receiveBuffer) {
        try {
            Socket socket = new Socket();
            if (receiveBuffer > 0) {
                socket.setReceiveBufferSize(receiveBuffer); // before connect: it sizes
                                                            // the TCP window
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
        BufferedReader reader = new BufferedReader(
                new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
        String line = reader.readLine();
        if (line == null) {
            throw new IOException("closed without a response");
        }
        return Integer.parseInt(line.split(" ")[1]);
    }

    /**
     * Streams a SockJS {@code xhr_send} body of {@code bytes} (one message of one long
     * string: valid, so only its size can refuse it), chunked or as announced by
     * Content-Length, until done or the server stops taking it; returns the bytes
     * written.
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
            // the server closed the connection under the body: what a refusal before
            // reading looks like
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

package io.signaling.system;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * HTTP/1.1 over a plain socket, as an attacker writes it: from any loopback address, with a body of
 * any size streamed as fast as the server takes it ({@code Content-Length} or chunked), the response
 * read while the body is still being sent.
 */
final class RawHttp {

    /** The status line's code and the headers (lower-case names) of a response. */
    record Answer(int status, Map<String, String> headers) {
    }

    private RawHttp() {
    }

    /**
     * POSTs {@code bodyBytes} of {@code fill} to {@code url} from {@code localAddress}; returns the
     * response's status and headers, or status -1 if the server closed without answering.
     */
    static Answer post(String url, String localAddress, String contentType, long bodyBytes, boolean chunked)
            throws IOException {
        URI uri = URI.create(url);
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(localAddress, 0));
            socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 5_000);
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            String head = "POST " + uri.getRawPath() + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort()
                    + "\r\nContent-Type: " + contentType + "\r\n"
                    + (chunked ? "Transfer-Encoding: chunked\r\n" : "Content-Length: " + bodyBytes + "\r\n")
                    + "Connection: close\r\n\r\n";
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            CompletableFuture<Void> sending = CompletableFuture.runAsync(() -> send(out, bodyBytes, chunked));
            try {
                return read(socket);
            }
            finally {
                sending.cancel(true);
            }
        }
    }

    /** A small request from {@code localAddress}, e.g. a {@code /connect} with an invalid userId. */
    static Answer post(String url, String localAddress, String contentType, String body) throws IOException {
        URI uri = URI.create(url);
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(localAddress, 0));
            socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 5_000);
            socket.setSoTimeout(30_000);
            String head = "POST " + uri.getRawPath() + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort()
                    + "\r\nContent-Type: " + contentType + "\r\nContent-Length: " + bytes.length
                    + "\r\nConnection: close\r\n\r\n";
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(bytes);
            out.flush();
            return read(socket);
        }
    }

    private static void send(OutputStream out, long bodyBytes, boolean chunked) {
        byte[] block = new byte[64 * 1024];
        Arrays.fill(block, (byte) 'x');
        try {
            for (long sent = 0; sent < bodyBytes; sent += block.length) {
                int length = (int) Math.min(block.length, bodyBytes - sent);
                if (chunked) {
                    out.write((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                }
                out.write(block, 0, length);
                if (chunked) {
                    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                }
            }
            if (chunked) {
                out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            out.flush();
        }
        catch (IOException closedByTheServer) {
            // the server answered and closed: the rest of the body is not wanted
        }
    }

    private static Answer read(Socket socket) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
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
}

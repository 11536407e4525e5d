package io.signaling.sockjs;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import tools.jackson.databind.json.JsonMapper;

/**
 * The receiving side of SockJS's eventsource and htmlfile transports, as a browser's
 * SockJS client speaks them (Spring's {@code SockJsClient} speaks neither): one long GET
 * that the server streams frames into ({@code data: <frame>} events, or
 * {@code <script>p("<frame>");</script>} chunks), opened again on the same SockJS session
 * whenever the server ends it (after 1 MiB it recycles the response), until a close frame
 * or {@link #close()}. Messages go out as {@code xhr_send} POSTs. Every request carries
 * the session's {@code ?userId=…&token=…} (contract §2).
 */
public final class SockJsHttpStream implements AutoCloseable {

    /** What the receiver is told, in the order the frames came. */
    public interface Listener {

        void opened();

        void message(String text);

        /**
         * A close frame {@code c[code,"reason"]}, or the stream failed ({@code code}
         * 1006, no frame).
         */
        void closed(int code, String reason);

    }

    public enum Kind {

        EVENTSOURCE("eventsource"), HTMLFILE("htmlfile");

        private final String path;

        Kind(String path) {
            this.path = path;
        }

    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String base;

    private final String query;

    private final Kind kind;

    private final Listener listener;

    private final Thread receiver;

    private volatile InputStream body;

    private volatile boolean closed;

    private volatile boolean ended;

    public SockJsHttpStream(String listeningAddress, String userId, String key, Kind kind, Listener listener) {
        this.base = listeningAddress + "/000/" + UUID.randomUUID().toString().substring(0, 8) + "/";
        this.query = "userId=" + URLEncoder.encode(userId, StandardCharsets.UTF_8) + "&token="
                + URLEncoder.encode(key, StandardCharsets.UTF_8);
        this.kind = kind;
        this.listener = listener;
        this.receiver = new Thread(this::receive, "sockjs-" + kind.path + "-" + userId);
        this.receiver.setDaemon(true);
        this.receiver.start();
    }

    public boolean isOpen() {
        return !closed && !ended;
    }

    /**
     * One {@code xhr_send}: the messages as one SockJS frame (a JSON array of strings).
     */
    public void send(List<String> messages) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "xhr_send?" + query))
            .timeout(Duration.ofSeconds(15))
            .header("Content-Type", "text/plain;charset=UTF-8")
            .POST(HttpRequest.BodyPublishers.ofString(SockJsCodec.encode(messages)))
            .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 204) {
                throw new IllegalStateException("xhr_send answered " + response.statusCode() + " " + response.body());
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void receive() {
        boolean first = true;
        try {
            while (!closed && !ended) {
                String url = base + kind.path + "?" + (kind == Kind.HTMLFILE ? "c=p&" : "") + query;
                HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                        HttpResponse.BodyHandlers.ofInputStream());
                if (response.statusCode() != 200) {
                    end(1006, "HTTP " + response.statusCode());
                    return;
                }
                body = response.body();
                readFrames(new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8)), first);
                first = false;
            }
        }
        catch (IOException | RuntimeException e) {
            end(1006, e.toString());
        }
        catch (InterruptedException e) {
            end(1006, "interrupted");
        }
    }

    /**
     * Reads one response's frames until it ends (recycled: the loop opens the next) or a
     * close frame.
     */
    private void readFrames(BufferedReader in, boolean first) throws IOException {
        for (String line = in.readLine(); line != null && !ended; line = in.readLine()) {
            String frame = frameOf(line);
            if (frame == null || frame.isEmpty() || frame.startsWith("h")) {
                continue; // preludes, padding, heartbeats
            }
            SockJsFrame decoded = SockJsCodec.decode(frame);
            if (decoded instanceof SockJsFrame.Open) {
                if (first) {
                    listener.opened();
                }
            }
            else if (decoded instanceof SockJsFrame.Messages messages) {
                messages.messages().forEach(listener::message);
            }
            else if (decoded instanceof SockJsFrame.Close close) {
                end(close.code(), close.reason());
            }
        }
    }

    /** The SockJS frame a line of the response carries, or null. */
    private String frameOf(String line) {
        if (kind == Kind.EVENTSOURCE) {
            return line.startsWith("data: ") ? line.substring("data: ".length()) : null;
        }
        // htmlfile: <script>\np("<frame as a JS string>");\n</script>
        if (line.startsWith("p(\"") && line.endsWith("\");")) {
            return JSON.readValue(line.substring(2, line.length() - 2), String.class);
        }
        return null;
    }

    private synchronized void end(int code, String reason) {
        if (!ended) {
            ended = true;
            listener.closed(code, reason);
        }
    }

    /**
     * What a browser does when its page closes the connection: it aborts the request;
     * nothing is sent.
     */
    @Override
    public void close() {
        closed = true;
        InputStream current = body;
        if (current != null) {
            try {
                current.close();
            }
            catch (IOException ignored) {
                // aborted either way
            }
        }
        receiver.interrupt();
    }

}

package io.signaling.sockjs;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * One SockJS session over the raw websocket transport, on the JDK's asynchronous
 * WebSocket: no thread of its own, so one process holds thousands. Outgoing messages
 * queue while a frame is being written (the JDK allows one send at a time) and leave
 * together in the next frame, as a SockJS array. Incoming frames are decoded and handed
 * to the {@link Listener} in order.
 */
public final class SockJsConnection implements WebSocket.Listener {

    /** Most messages packed into one outgoing frame. */
    static final int MAX_BATCH = 64;

    /**
     * What a connection reports; called on the HTTP client's threads, one call at a time
     * per connection.
     */
    public interface Listener {

        void onMessage(SockJsConnection connection, String message);

        /**
         * The socket closed: {@code code} from a SockJS close frame or the websocket
         * close, -1 on an error.
         */
        default void onClosed(SockJsConnection connection, int code, String reason) {
        }

    }

    private final Listener listener;

    private final CompletableFuture<SockJsConnection> opened = new CompletableFuture<>();

    private final CompletableFuture<Integer> closed = new CompletableFuture<>();

    private final StringBuilder partial = new StringBuilder();

    private final ArrayDeque<Outgoing> outbox = new ArrayDeque<>(); // guarded by this

    private boolean sending; // guarded by this

    private boolean closing; // guarded by this

    private volatile WebSocket socket;

    private volatile long heartbeats;

    private volatile long malformed;

    private SockJsConnection(Listener listener) {
        this.listener = listener;
    }

    /** Opens the socket; completes once the server's SockJS {@code o} frame arrived. */
    public static CompletableFuture<SockJsConnection> open(HttpClient http, URI websocketUrl, Duration timeout,
            Listener listener) {
        SockJsConnection connection = new SockJsConnection(listener);
        http.newWebSocketBuilder()
            .connectTimeout(timeout)
            .buildAsync(websocketUrl, connection)
            .whenComplete((ws, error) -> {
                if (error != null) {
                    connection.opened.completeExceptionally(error);
                    connection.closed.complete(-1);
                }
            });
        return connection.opened.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Queues one application message (JSON text); it leaves in order with whatever else
     * is queued.
     */
    public void send(String message) {
        enqueue(new Outgoing(List.of(message), false, null));
    }

    /**
     * Sends {@code messages} as one SockJS frame of their own, never merged with others
     * (what a test of the gateway's framing needs).
     * @return completes once the frame is written, exceptionally if the socket failed or
     * was closing
     */
    public CompletableFuture<Void> sendFrame(List<String> messages) {
        CompletableFuture<Void> written = new CompletableFuture<>();
        if (!enqueue(new Outgoing(List.copyOf(messages), true, written))) {
            written.completeExceptionally(new IllegalStateException("the SockJS connection is closing"));
        }
        return written;
    }

    private boolean enqueue(Outgoing outgoing) {
        synchronized (this) {
            if (closing) {
                return false;
            }
            outbox.add(outgoing);
            if (sending) {
                return true;
            }
            sending = true;
        }
        flush();
        return true;
    }

    /**
     * Closes the socket normally once queued messages are written; the gateway then
     * deletes the session.
     */
    public CompletableFuture<Integer> close() {
        boolean now;
        synchronized (this) {
            closing = true;
            now = !sending;
            if (now) {
                sending = true; // nothing may be written after the close frame
            }
        }
        if (now) {
            sendClose();
        }
        return closed;
    }

    /**
     * Completes with the close code when the socket is closed (by either side, or by an
     * error).
     */
    public CompletableFuture<Integer> closed() {
        return closed;
    }

    public long heartbeats() {
        return heartbeats;
    }

    /** Frames that were not SockJS, or messages the listener could not read. */
    public long malformed() {
        return malformed;
    }

    private void flush() {
        String frame;
        List<CompletableFuture<Void>> waiting = new ArrayList<>(1);
        synchronized (this) {
            if (outbox.isEmpty()) {
                if (closing) {
                    frame = null;
                }
                else {
                    sending = false;
                    return;
                }
            }
            else {
                List<String> batch;
                if (outbox.peek().whole()) {
                    Outgoing whole = outbox.poll();
                    batch = whole.messages();
                    waiting.add(whole.written());
                }
                else {
                    batch = new ArrayList<>(Math.min(outbox.size(), MAX_BATCH));
                    while (!outbox.isEmpty() && !outbox.peek().whole() && batch.size() < MAX_BATCH) {
                        batch.add(outbox.poll().messages().get(0));
                    }
                }
                frame = SockJsCodec.encode(batch);
            }
        }
        if (frame == null) {
            sendClose();
            return;
        }
        socket.sendText(frame, true).whenComplete((ws, error) -> {
            if (error != null) {
                waiting.forEach(written -> written.completeExceptionally(error));
                fail(error);
            }
            else {
                waiting.forEach(written -> written.complete(null));
                flush();
            }
        });
    }

    private void sendClose() {
        WebSocket ws = socket;
        if (ws == null || ws.isOutputClosed()) {
            closed.complete(-1);
            return;
        }
        ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye").whenComplete((w, error) -> {
            if (error != null) {
                fail(error);
            }
            else if (ws.isInputClosed()) {
                closed.complete(WebSocket.NORMAL_CLOSURE);
            }
            // else: the server's close frame arrives in onClose
        });
    }

    private void fail(Throwable error) {
        synchronized (this) {
            closing = true;
            for (Outgoing unsent : outbox) {
                if (unsent.written() != null) {
                    unsent.written().completeExceptionally(error);
                }
            }
            outbox.clear();
        }
        WebSocket ws = socket;
        if (ws != null) {
            ws.abort();
        }
        if (closed.complete(-1)) {
            listener.onClosed(this, -1, String.valueOf(error.getMessage()));
        }
        opened.completeExceptionally(error);
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        this.socket = webSocket;
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        if (!last) {
            partial.append(data);
            webSocket.request(1);
            return null;
        }
        String text;
        if (partial.length() == 0) {
            text = data.toString();
        }
        else {
            text = partial.append(data).toString();
            partial.setLength(0);
        }
        webSocket.request(1);
        handle(text);
        return null;
    }

    private void handle(String text) {
        SockJsFrame frame;
        try {
            frame = SockJsCodec.decode(text);
        }
        catch (IllegalArgumentException e) {
            malformed++;
            return;
        }
        if (frame instanceof SockJsFrame.Messages messages) {
            for (String message : messages.messages()) {
                try {
                    listener.onMessage(this, message);
                }
                catch (IllegalArgumentException e) {
                    malformed++;
                }
            }
        }
        else if (frame instanceof SockJsFrame.Heartbeat) {
            heartbeats++;
        }
        else if (frame instanceof SockJsFrame.Open) {
            opened.complete(this);
        }
        else if (frame instanceof SockJsFrame.Close close) {
            if (closed.complete(close.code())) {
                listener.onClosed(this, close.code(), close.reason());
            }
        }
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        if (closed.complete(statusCode)) {
            listener.onClosed(this, statusCode, reason);
        }
        opened.completeExceptionally(new IllegalStateException("closed before the SockJS open frame: " + statusCode));
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        if (closed.complete(-1)) {
            listener.onClosed(this, -1, String.valueOf(error.getMessage()));
        }
        opened.completeExceptionally(error);
    }

    /**
     * Messages waiting to be written: single messages ({@code whole} false) share a
     * frame; a whole frame leaves alone and completes {@code written} once on the wire.
     */
    private record Outgoing(List<String> messages, boolean whole, CompletableFuture<Void> written) {
    }

}

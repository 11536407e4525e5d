package io.signaling.sockjs.peer;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What one client heard from its gateway: every frame with when it arrived, whether the
 * SockJS session opened, and how it closed. Any transport feeds it ({@link SockJsPeer}'s
 * own, or a test's Spring {@code SockJsClient}); readers poll or await it from any
 * thread.
 */
public final class Inbox {

    static final JsonMapper JSON = JsonMapper.builder().build();

    /** A frame from the gateway and when it arrived ({@link System#nanoTime()}). */
    public record Arrival(long nanos, JsonNode frame) {
    }

    /**
     * How the connection closed: a SockJS close frame's code and reason, the websocket
     * close, or 1006 (abnormal closure) when it failed with neither.
     */
    public record Closed(int code, String reason) {
    }

    private final List<Arrival> arrivals = new CopyOnWriteArrayList<>();

    private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();

    private final CompletableFuture<Void> opened = new CompletableFuture<>();

    private final CompletableFuture<Closed> closed = new CompletableFuture<>();

    /** The SockJS session opened (its {@code o} frame, or the transport said so). */
    public void opened() {
        opened.complete(null);
    }

    /**
     * One application message (a gateway frame as JSON text).
     * @throws IllegalArgumentException when it is not JSON
     */
    public void message(String json) {
        JsonNode frame;
        try {
            frame = JSON.readTree(json);
        }
        catch (RuntimeException e) {
            throw new IllegalArgumentException("a message that is not JSON: " + e.getClass().getSimpleName());
        }
        synchronized (this) {
            arrivals.add(new Arrival(System.nanoTime(), frame));
            counts.computeIfAbsent(frame.path("type").asString(), type -> new AtomicInteger()).incrementAndGet();
            notifyAll();
        }
    }

    /**
     * The first close wins; later ones (the websocket close after a SockJS one) are
     * ignored.
     */
    public void closed(int code, String reason) {
        closed.complete(new Closed(code, reason));
        opened.completeExceptionally(new IllegalStateException("closed before it opened: " + code + " " + reason));
        synchronized (this) {
            notifyAll();
        }
    }

    public boolean isOpen() {
        return opened.isDone() && !opened.isCompletedExceptionally() && !closed.isDone();
    }

    /**
     * Waits for the session to open.
     * @throws java.util.concurrent.CompletionException when it closed first or
     * {@code within} passed
     */
    public void awaitOpen(Duration within) {
        opened.copy().orTimeout(within.toMillis(), TimeUnit.MILLISECONDS).join();
    }

    public List<Arrival> arrivals() {
        return List.copyOf(arrivals);
    }

    public List<JsonNode> frames() {
        return arrivals.stream().map(Arrival::frame).toList();
    }

    /** How many frames of this type arrived so far; cheap enough to poll. */
    public int count(String type) {
        AtomicInteger count = counts.get(type);
        return count == null ? 0 : count.get();
    }

    public List<JsonNode> framesOfType(String type) {
        return frames().stream().filter(f -> type.equals(f.path("type").asString())).toList();
    }

    /**
     * The first frame that matches, waiting up to {@code within} for it.
     * @throws AssertionError naming the types that did arrive when none matched in time
     */
    public JsonNode awaitFrame(Predicate<JsonNode> match, Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        synchronized (this) {
            while (true) {
                for (Arrival arrival : arrivals) {
                    if (match.test(arrival.frame())) {
                        return arrival.frame();
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    // types only: a frame's content is a signal, never printed
                    throw new AssertionError("no matching frame within " + within + "; arrived: "
                            + arrivals.stream().map(a -> a.frame().path("type").asString()).toList());
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(this, left);
                }
                catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted awaiting a frame", e);
                }
            }
        }
    }

    /** How the connection closed, or null while it has not. */
    public Closed closeStatus() {
        return closed.getNow(null);
    }

    /**
     * @throws java.util.concurrent.CompletionException when it has not closed within
     * {@code within}
     */
    public Closed awaitClose(Duration within) {
        return closed.copy().orTimeout(within.toMillis(), TimeUnit.MILLISECONDS).join();
    }

}

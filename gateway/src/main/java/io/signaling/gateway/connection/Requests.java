package io.signaling.gateway.connection;

import io.signaling.schemas.delivery.SignalDelivery;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Consumer;

/**
 * Which signals written to an HTTP-transport client (xhr-polling, and the streaming
 * transports) it has surely read, for its {@link Outbox}: a SockJS client sends its next
 * request only once it has read the whole previous response (a poll's answer, or a stream
 * recycled after {@code streamBytesLimit}), so a request is its proof of everything
 * before. Requests are counted as they begin, before SockJS flushes its cache into them;
 * the response that opened the connection is number 0, request {@code k} answers response
 * {@code k}. A signal placed in SockJS's hands (written into an open response, or left in
 * its cache) when {@code g} requests had begun is in response {@code g + 1} at the
 * latest, since the next request to begin takes the cache; so request {@code g + 2}
 * confirms it, or request {@code g + 1} when it surely went into response {@code g}
 * ({@code BatchingPollingSession} knows that of a poll's response). Until then it is
 * unconfirmed, and answered to its sender if the client is never heard from again. (A
 * request made while the previous one is still open is answered {@code c[2010]} by SockJS
 * and not counted.)
 *
 * <p>
 * The writer, the request's thread and the closing thread all call it.
 */
final class Requests {

    /**
     * Signals remembered as written but not yet confirmed; past that the oldest is
     * forgotten first.
     */
    static final int MAX_UNCONFIRMED = 1024;

    private final Deque<Unconfirmed> unconfirmed = new ArrayDeque<>(); // guarded by
                                                                       // itself

    private long begun; // guarded by unconfirmed

    private record Unconfirmed(long confirmedBy, SignalDelivery signal) {
    }

    /**
     * A request of the client begins: everything placed before the previous one began was
     * read.
     */
    void begun() {
        synchronized (unconfirmed) {
            begun++;
            while (!unconfirmed.isEmpty() && unconfirmed.peekFirst().confirmedBy() <= begun) {
                unconfirmed.pollFirst();
            }
        }
    }

    /**
     * The writer placed a signal in SockJS's hands (call it after the write returned):
     * unconfirmed for now. {@code intoOpenResponse}: it surely went into the response
     * open then, which the next request confirms.
     */
    void wrote(SignalDelivery signal, boolean intoOpenResponse) {
        synchronized (unconfirmed) {
            if (unconfirmed.size() == MAX_UNCONFIRMED) {
                unconfirmed.pollFirst(); // bounded memory: the oldest is the likeliest to
                                         // have arrived
            }
            unconfirmed.addLast(new Unconfirmed(begun + (intoOpenResponse ? 1 : 2), signal));
        }
    }

    /** Hands on, once, every signal written and not yet confirmed by a later request. */
    void handOnUnconfirmed(Consumer<SignalDelivery> lost) {
        synchronized (unconfirmed) {
            Unconfirmed entry;
            while ((entry = unconfirmed.pollFirst()) != null) {
                lost.accept(entry.signal());
            }
        }
    }

}

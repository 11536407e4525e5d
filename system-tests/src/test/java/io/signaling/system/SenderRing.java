package io.signaling.system;

import static org.awaitility.Awaitility.await;

import io.signaling.system.SessionApi.Session;
import io.signaling.system.SignalingClient.Via;
import io.signaling.system.Traffic.Pair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntSupplier;

/**
 * Senders and recipients in a ring: sender i signals recipient i and recipient i+1, so
 * every recipient hears from two senders and every sender has two streams to keep in
 * order. Each user has a raw websocket connection of its own, recorded in the
 * {@link Traffic}.
 */
final class SenderRing {

    private final Traffic traffic;

    private final List<String> senders;

    private final List<String> recipients;

    private SenderRing(Traffic traffic, List<String> senders, List<String> recipients) {
        this.traffic = traffic;
        this.senders = Collections.unmodifiableList(senders);
        this.recipients = Collections.unmodifiableList(recipients);
    }

    /**
     * Connects users {@code s<i>-<run>} and {@code r<i>-<run>} for i below {@code size}.
     */
    static SenderRing open(SessionApi api, Traffic traffic, int size, String run) {
        List<String> senders = new ArrayList<>();
        List<String> recipients = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            senders.add(connect(api, traffic, "s" + i + "-" + run));
            recipients.add(connect(api, traffic, "r" + i + "-" + run));
        }
        return new SenderRing(traffic, senders, recipients);
    }

    List<String> senders() {
        return senders;
    }

    List<String> recipients() {
        return recipients;
    }

    /** Sender by sender, its pair with its own recipient, then with the next one. */
    List<Pair> pairs() {
        List<Pair> pairs = new ArrayList<>();
        for (int i = 0; i < senders.size(); i++) {
            pairs.add(new Pair(senders.get(i), recipients.get(i)));
            pairs.add(new Pair(senders.get(i), recipients.get((i + 1) % senders.size())));
        }
        return pairs;
    }

    /**
     * Sends {@code perPair} signals on every pair, one round over all pairs after
     * another, from a thread of its own. Each signal first waits (at most
     * {@code waitAtMost}) until fewer than {@code window} are open as {@code open} counts
     * them, so the traffic spans whatever the test does meanwhile instead of being all in
     * the log before it.
     */
    Sending startSending(int perPair, int window, Duration waitAtMost, IntSupplier open) {
        return startSending(perPair, window, Integer.MAX_VALUE, waitAtMost, open);
    }

    /**
     * As {@link #startSending(int, int, Duration, IntSupplier)}, and no faster than
     * {@code perSecond}: a fast machine would otherwise send everything before a test's
     * fault (a broker's controlled shutdown takes seconds) has even begun.
     */
    Sending startSending(int perPair, int window, int perSecond, Duration waitAtMost, IntSupplier open) {
        List<Pair> round = pairs();
        ExecutorService executor = Executors.newSingleThreadExecutor();
        Future<?> sent = executor.submit(() -> {
            long start = System.nanoTime();
            long n = 0;
            for (int i = 0; i < perPair; i++) {
                for (Pair pair : round) {
                    long due = start + n++ * 1_000_000_000L / perSecond;
                    await().pollInSameThread()
                        .pollDelay(Duration.ZERO)
                        .pollInterval(Duration.ofMillis(2))
                        .atMost(waitAtMost)
                        .until(() -> open.getAsInt() < window && System.nanoTime() >= due);
                    traffic.send(pair.from(), pair.to());
                }
            }
        });
        return new Sending(executor, sent);
    }

    /** The sending thread; closing it interrupts what is left of the sending. */
    static final class Sending implements AutoCloseable {

        private final ExecutorService executor;

        private final Future<?> sent;

        private Sending(ExecutorService executor, Future<?> sent) {
            this.executor = executor;
            this.sent = sent;
        }

        /**
         * Waits until every signal has been sent; fails as the sending failed (a window
         * that never opened).
         */
        void awaitSent(long timeout, TimeUnit unit) throws InterruptedException, ExecutionException, TimeoutException {
            sent.get(timeout, unit);
        }

        @Override
        public void close() {
            executor.shutdownNow();
        }

    }

    private static String connect(SessionApi api, Traffic traffic, String userId) {
        Session session = api.connect(userId);
        traffic.add(userId, SignalingClient.open(session, Via.RAW_WEBSOCKET));
        return userId;
    }

}

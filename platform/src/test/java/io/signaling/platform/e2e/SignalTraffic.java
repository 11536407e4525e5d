package io.signaling.platform.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.signaling.platform.e2e.SockJsPeer.Arrival;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import tools.jackson.databind.JsonNode;

/**
 * Steady, numbered signals between pairs of connected users: every tick, the next signal
 * on every pair whose sender is still connected ({@code {"n":k}}, id
 * {@code <recipient>#<k>}), whatever happens to the platform meanwhile (open loop, like
 * callers who do not wait). Afterwards each pair's acks, errors and deliveries are read
 * back from what the peers recorded.
 */
final class SignalTraffic implements AutoCloseable {

    record Pair(String from, String to) {
    }

    /** What became of one pair's signals. */
    record Outcome(List<Integer> acked, List<Integer> received, Map<Integer, String> errors, int sent) {

        /**
         * Every acked signal arrived, each exactly once, all in the order sent; nothing
         * was refused.
         */
        void assertExactlyOnceInOrder(Pair pair) {
            assertThat(received).as("%s: received in order, without duplicates", pair)
                .isSorted()
                .doesNotHaveDuplicates();
            assertThat(received).as("%s: every acked signal received", pair).containsAll(acked);
            assertThat(errors).as("%s: errors", pair).isEmpty();
        }

        /**
         * Nothing acked was lost: every acked signal arrived, each exactly once, all in
         * the order sent; what was refused was refused {@code overloaded} (contract 1.1:
         * nothing was written, send it again), and was neither acked nor delivered.
         */
        void assertNoAckedLoss(Pair pair) {
            assertThat(received).as("%s: received in order, without duplicates", pair)
                .isSorted()
                .doesNotHaveDuplicates();
            assertThat(received).as("%s: every acked signal received", pair).containsAll(acked);
            assertThat(errors.values()).as("%s: refusals", pair).allMatch("overloaded"::equals);
            assertThat(errors.keySet()).as("%s: refused signals were neither acked nor delivered", pair)
                .doesNotContainAnyElementsOf(acked)
                .doesNotContainAnyElementsOf(received);
        }
    }

    private final Map<String, SockJsPeer> peers;

    private final List<Pair> pairs;

    private final Map<Pair, AtomicInteger> numbers = new ConcurrentHashMap<>();

    private final Map<String, Long> sentAt = new ConcurrentHashMap<>();

    private final AtomicInteger sent = new AtomicInteger();

    private final AtomicReference<String> sendFailure = new AtomicReference<>();

    private volatile long lastTickAt = System.nanoTime();

    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "signal-traffic");
        thread.setDaemon(true);
        return thread;
    });

    SignalTraffic(Map<String, SockJsPeer> peers, List<Pair> pairs) {
        this.peers = Map.copyOf(peers);
        this.pairs = List.copyOf(pairs);
        pairs.forEach(pair -> numbers.put(pair, new AtomicInteger()));
    }

    /** Each user signals the next one, in a ring. */
    static List<Pair> ring(List<String> users) {
        List<Pair> pairs = new ArrayList<>();
        for (int i = 0; i < users.size(); i++) {
            pairs.add(new Pair(users.get(i), users.get((i + 1) % users.size())));
        }
        return pairs;
    }

    /** One signal on every pair each {@code interval}, until {@link #stop}. */
    SignalTraffic start(Duration interval) {
        ticker.scheduleAtFixedRate(this::tick, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    private void tick() {
        for (Pair pair : pairs) {
            SockJsPeer sender = peers.get(pair.from());
            if (!sender.isOpen()) {
                continue;
            }
            int n = numbers.get(pair).incrementAndGet();
            sentAt.put(pair.from() + ">" + pair.to() + "#" + n, System.nanoTime());
            try {
                sender.send("{\"to\":\"" + pair.to() + "\",\"id\":\"" + pair.to() + "#" + n + "\",\"content\":{\"n\":"
                        + n + "}}");
                sent.incrementAndGet();
            }
            catch (IOException | IllegalStateException closedMeanwhile) {
                numbers.get(pair).decrementAndGet(); // never left: the pair's next number
                                                     // stays this one
            }
            catch (RuntimeException unexpected) {
                // Out of a scheduled task it would end the traffic of every pair
                // silently: kept for the diagnosis instead, and the next tick goes on.
                numbers.get(pair).decrementAndGet();
                sendFailure.compareAndSet(null, unexpected.toString());
            }
        }
        lastTickAt = System.nanoTime();
    }

    void stop() {
        ticker.shutdown();
        try {
            ticker.awaitTermination(10, TimeUnit.SECONDS);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    int sent() {
        return sent.get();
    }

    List<Pair> pairs() {
        return pairs;
    }

    Outcome outcome(Pair pair) {
        List<Integer> acked = new ArrayList<>();
        Map<Integer, String> errors = new HashMap<>();
        for (JsonNode frame : peers.get(pair.from()).frames()) {
            String id = frame.path("id").asString("");
            if (!id.startsWith(pair.to() + "#")) {
                continue;
            }
            int n = Integer.parseInt(id.substring(pair.to().length() + 1));
            switch (frame.path("type").asString()) {
                case "ack" -> acked.add(n);
                case "error" -> errors.put(n, frame.path("code").asString());
                default -> {
                }
            }
        }
        acked.sort(null);
        List<Integer> received = peers.get(pair.to())
            .frames()
            .stream()
            .filter(f -> "signal".equals(f.path("type").asString()) && pair.from().equals(f.path("from").asString()))
            .map(f -> f.path("content").path("n").asInt())
            .toList();
        return new Outcome(acked, received, errors, numbers.get(pair).get());
    }

    /**
     * Every signal sent on these pairs was answered (acked or refused), and every acked
     * one arrived.
     */
    boolean settled(Collection<Pair> these) {
        return these.stream().allMatch(pair -> {
            Outcome outcome = outcome(pair);
            return outcome.acked().size() + outcome.errors().size() >= outcome.sent()
                    && outcome.received().size() >= outcome.acked().size();
        });
    }

    /** Where these pairs stand, for the message of a failed wait. */
    String summary(Collection<Pair> these) {
        int sentHere = 0;
        int acked = 0;
        int errors = 0;
        int received = 0;
        for (Pair pair : these) {
            Outcome outcome = outcome(pair);
            sentHere += outcome.sent();
            acked += outcome.acked().size();
            errors += outcome.errors().size();
            received += outcome.received().size();
        }
        return "sent " + sentHere + ", acked " + acked + ", refused " + errors + ", received " + received;
    }

    /**
     * Pair by pair, what a failed wait needs to tell a stalled platform from a closed
     * connection: sent, acked, refused (the last code), received, the last arrival's age
     * and each side's connection.
     */
    String diagnosis(Collection<Pair> these) {
        long now = System.nanoTime();
        StringBuilder text = new StringBuilder(
                String.format("%n  traffic: last tick %d ms ago, first unexpected send failure: %s",
                        (now - lastTickAt) / 1_000_000, sendFailure.get()));
        for (Pair pair : these) {
            Outcome outcome = outcome(pair);
            String lastError = outcome.errors()
                .entrySet()
                .stream()
                .max(Map.Entry.comparingByKey())
                .map(e -> " (last #" + e.getKey() + " " + e.getValue() + ")")
                .orElse("");
            long lastArrival = peers.get(pair.to())
                .arrivals()
                .stream()
                .filter(a -> "signal".equals(a.frame().path("type").asString())
                        && pair.from().equals(a.frame().path("from").asString()))
                .mapToLong(SockJsPeer.Arrival::nanos)
                .max()
                .orElse(-1);
            text.append(String.format(
                    "%n  %s: sent %d, acked %d (last #%s), refused %d%s, received %d (last #%s, %s), "
                            + "sender %s, recipient %s",
                    pair, outcome.sent(), outcome.acked().size(),
                    outcome.acked().isEmpty() ? "-" : outcome.acked().get(outcome.acked().size() - 1),
                    outcome.errors().size(), lastError, outcome.received().size(),
                    outcome.received().isEmpty() ? "-" : outcome.received().get(outcome.received().size() - 1),
                    lastArrival < 0 ? "none yet" : (now - lastArrival) / 1_000_000 + " ms ago",
                    connection(peers.get(pair.from())), connection(peers.get(pair.to()))));
        }
        return text.toString();
    }

    private static String connection(SockJsPeer peer) {
        return peer.isOpen() ? "open" : "closed " + peer.closeStatus();
    }

    /**
     * The longest time any of these recipients went without a signal between
     * {@code fromNanos} and {@code toNanos}: the pause a user saw. The window's edges
     * count as arrivals, so a pause that the window opens or ends with counts whole
     * (traffic must flow over the whole window).
     */
    Duration longestPause(Collection<String> recipients, long fromNanos, long toNanos) {
        long longest = 0;
        for (String recipient : recipients) {
            long previous = fromNanos;
            for (Arrival arrival : peers.get(recipient).arrivals()) {
                if (!"signal".equals(arrival.frame().path("type").asString()) || arrival.nanos() < fromNanos
                        || arrival.nanos() > toNanos) {
                    continue;
                }
                longest = Math.max(longest, arrival.nanos() - previous);
                previous = arrival.nanos();
            }
            longest = Math.max(longest, toNanos - previous);
        }
        return Duration.ofNanos(longest);
    }

    /** Send-to-arrival times of the signals these recipients got, sorted. */
    List<Duration> latencies(Collection<String> recipients) {
        List<Duration> latencies = new ArrayList<>();
        for (String recipient : recipients) {
            for (Arrival arrival : peers.get(recipient).arrivals()) {
                JsonNode frame = arrival.frame();
                Long at = sentAt.get(frame.path("from").asString() + ">" + frame.path("id").asString());
                if ("signal".equals(frame.path("type").asString()) && at != null) {
                    latencies.add(Duration.ofNanos(arrival.nanos() - at));
                }
            }
        }
        latencies.sort(null);
        return latencies;
    }

    static Duration percentile(List<Duration> sorted, double p) {
        return sorted.isEmpty() ? Duration.ZERO
                : sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100 * sorted.size()) - 1));
    }

    @Override
    public void close() {
        ticker.shutdownNow();
    }

}

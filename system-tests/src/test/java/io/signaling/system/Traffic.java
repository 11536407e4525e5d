package io.signaling.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.signaling.sockjs.peer.Inbox.Arrival;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;

/**
 * Numbered signals between connected users, and what became of each. Every signal from
 * one sender to one recipient carries the next number of that pair ({@code {"n":…}}), and
 * its id is {@code <recipient>#<n>}, so acks, errors and deliveries are matched
 * afterwards from the frames each client recorded.
 */
final class Traffic {

    record Pair(String from, String to) {
    }

    /** What the clients saw, per pair, at one moment. */
    record Outcome(Map<Pair, List<Integer>> acked, Map<Pair, List<Integer>> received,
            Map<Pair, Map<Integer, String>> errors) {

        List<Integer> acked(Pair pair) {
            return acked.getOrDefault(pair, List.of());
        }

        /** Numbers delivered to the recipient, in arrival order. */
        List<Integer> received(Pair pair) {
            return received.getOrDefault(pair, List.of());
        }

        /** Error code per number the sender was answered with. */
        Map<Integer, String> errors(Pair pair) {
            return errors.getOrDefault(pair, Map.of());
        }

        /**
         * Every acked signal of the pair arrived, each once, all in the order sent; and
         * nothing arrived that its sender was not acked for or was answered an error for
         * (delivered &sube; acked): a signal refused, or answered
         * {@code recipient-unavailable}, must not reach the recipient as well.
         */
        void assertExactlyOnceInOrder(Pair pair) {
            List<Integer> received = received(pair);
            assertThat(received).as("%s: received in order, without duplicates", pair)
                .isSorted()
                .doesNotHaveDuplicates();
            assertThat(received).as("%s: every acked signal received", pair).containsAll(acked(pair));
            assertThat(acked(pair)).as("%s: every received signal acked", pair).containsAll(received);
            assertThat(errors(pair).keySet()).as("%s: no received signal answered with an error", pair)
                .doesNotContainAnyElementsOf(received);
        }
    }

    private final Map<String, SignalingClient> clients = new ConcurrentHashMap<>();

    private final Map<Pair, AtomicInteger> numbers = new ConcurrentHashMap<>();

    private final Map<String, Long> sentAt = new ConcurrentHashMap<>();

    private final AtomicInteger sent = new AtomicInteger();

    void add(String userId, SignalingClient client) {
        clients.put(userId, client);
    }

    SignalingClient client(String userId) {
        return clients.get(userId);
    }

    /** Sends the next signal of {@code from} to {@code to}; returns its number. */
    int send(String from, String to) {
        SignalingClient client = clients.get(from);
        synchronized (client) { // number and send order agree even if several threads
                                // send for one user
            int n = numbers.computeIfAbsent(new Pair(from, to), p -> new AtomicInteger()).incrementAndGet();
            sentAt.put(from + ">" + to + "#" + n, System.nanoTime());
            client.send(to, Map.of("n", n), to + "#" + n);
            sent.incrementAndGet();
            return n;
        }
    }

    int sent() {
        return sent.get();
    }

    /** Frames of {@code type} that arrived at these users so far. */
    int count(Collection<String> users, String type) {
        return users.stream().mapToInt(user -> clients.get(user).count(type)).sum();
    }

    /**
     * One line on where the traffic stands, for the message of a failed wait: what was
     * sent, acked, answered and delivered, which signals are still open (neither acked
     * nor answered), and which connections closed and how.
     */
    String summary(Collection<String> senders, Collection<String> recipients) {
        Outcome outcome = outcome();
        Map<String, Integer> errorCodes = new TreeMap<>();
        outcome.errors()
            .values()
            .forEach(byNumber -> byNumber.values().forEach(code -> errorCodes.merge(code, 1, Integer::sum)));
        int unanswered = 0;
        int ackedNotDelivered = 0;
        for (Map.Entry<Pair, AtomicInteger> entry : numbers.entrySet()) {
            Pair pair = entry.getKey();
            Set<Integer> acked = new HashSet<>(outcome.acked(pair));
            Set<Integer> received = new HashSet<>(outcome.received(pair));
            for (int n = 1; n <= entry.getValue().get(); n++) {
                if (!acked.contains(n) && !outcome.errors(pair).containsKey(n)) {
                    unanswered++;
                }
                else if (acked.contains(n) && !received.contains(n)) {
                    ackedNotDelivered++;
                }
            }
        }
        Map<String, String> closed = new TreeMap<>();
        clients.forEach((user, client) -> {
            if (!client.isOpen()) {
                closed.put(user, String.valueOf(client.closeStatus()));
            }
        });
        return String.format(
                "sent %d, acked %d, errors %s, delivered %d; %d neither acked nor answered, "
                        + "%d acked but not delivered; closed connections %s",
                sent(), count(senders, "ack"), errorCodes, count(recipients, "signal"), unanswered, ackedNotDelivered,
                closed);
    }

    Outcome outcome() {
        Map<Pair, List<Integer>> acked = new HashMap<>();
        Map<Pair, List<Integer>> received = new HashMap<>();
        Map<Pair, Map<Integer, String>> errors = new HashMap<>();
        clients.forEach((user, client) -> {
            for (JsonNode frame : client.frames()) {
                String type = frame.path("type").asString();
                if ("signal".equals(type)) {
                    received.computeIfAbsent(new Pair(frame.path("from").asString(), user), p -> new ArrayList<>())
                        .add(frame.path("content").path("n").asInt());
                    continue;
                }
                String id = frame.path("id").asString();
                int hash = id.lastIndexOf('#');
                if (hash < 0) {
                    continue;
                }
                Pair pair = new Pair(user, id.substring(0, hash));
                int n = Integer.parseInt(id.substring(hash + 1));
                if ("ack".equals(type)) {
                    acked.computeIfAbsent(pair, p -> new ArrayList<>()).add(n);
                }
                else if ("error".equals(type)) {
                    errors.computeIfAbsent(pair, p -> new HashMap<>()).put(n, frame.path("code").asString());
                }
            }
        });
        acked.values().forEach(list -> list.sort(null)); // acks may overtake each other;
                                                         // the order checked is
                                                         // delivery's
        return new Outcome(acked, received, errors);
    }

    /**
     * The longest time between two consecutive signals arriving at any of these users,
     * within [from, to] (nanos).
     */
    Duration longestDeliveryGap(Collection<String> recipients, long fromNanos, long toNanos) {
        List<Long> times = new ArrayList<>();
        times.add(fromNanos);
        for (String user : recipients) {
            for (Arrival arrival : clients.get(user).arrivals()) {
                if ("signal".equals(arrival.frame().path("type").asString()) && arrival.nanos() >= fromNanos
                        && arrival.nanos() <= toNanos) {
                    times.add(arrival.nanos());
                }
            }
        }
        times.sort(null);
        long longest = 0;
        for (int i = 1; i < times.size(); i++) {
            longest = Math.max(longest, times.get(i) - times.get(i - 1));
        }
        return Duration.ofNanos(longest);
    }

    /** Send-to-arrival time of every signal that arrived at these users, sorted. */
    List<Duration> latencies(Collection<String> recipients) {
        List<Duration> latencies = new ArrayList<>();
        for (String user : recipients) {
            for (Arrival arrival : clients.get(user).arrivals()) {
                JsonNode frame = arrival.frame();
                if (!"signal".equals(frame.path("type").asString())) {
                    continue;
                }
                Long sentNanos = sentAt.get(frame.path("from").asString() + ">" + frame.path("id").asString());
                if (sentNanos != null) {
                    latencies.add(Duration.ofNanos(arrival.nanos() - sentNanos));
                }
            }
        }
        latencies.sort(null);
        return latencies;
    }

    static Duration percentile(List<Duration> sorted, double p) {
        if (sorted.isEmpty()) {
            return Duration.ZERO;
        }
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100 * sorted.size()) - 1));
    }

}

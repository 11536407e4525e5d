package io.signaling.bench.scenario;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Pairs users so that as many pairs as possible cross gateways: users are lined up
 * gateway by gateway and the first half is paired with the second half. With the session
 * service's least-loaded binding every gateway holds at most about half, so every pair
 * crosses.
 */
public final class Pairing {

    private Pairing() {
    }

    public record Pair<T>(T a, T b) {
    }

    /** An odd user out (from the gateway holding most) is left unpaired. */
    public static <T> List<Pair<T>> acrossGateways(List<T> users, Function<T, String> gateway) {
        Map<String, List<T>> byGateway = new LinkedHashMap<>();
        for (T user : users) {
            byGateway.computeIfAbsent(gateway.apply(user), g -> new ArrayList<>()).add(user);
        }
        if (users.size() % 2 == 1) {
            List<T> largest = byGateway.values()
                .stream()
                .max(java.util.Comparator.comparingInt(List::size))
                .orElseThrow();
            largest.remove(largest.size() - 1);
        }
        List<T> lined = new ArrayList<>(users.size());
        byGateway.values().forEach(lined::addAll);
        int half = lined.size() / 2;
        List<Pair<T>> pairs = new ArrayList<>(half);
        for (int i = 0; i < half; i++) {
            pairs.add(new Pair<>(lined.get(i), lined.get(i + half)));
        }
        return pairs;
    }

    public static <T> int crossing(List<Pair<T>> pairs, Function<T, String> gateway) {
        int n = 0;
        for (Pair<T> p : pairs) {
            if (!gateway.apply(p.a()).equals(gateway.apply(p.b()))) {
                n++;
            }
        }
        return n;
    }

}

package io.signaling.bench.stats;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The Prometheus text exposition format, as {@code /actuator/prometheus} serves it: just
 * enough to sum samples.
 */
public final class PrometheusText {

    public record Sample(String name, Map<String, String> labels, double value) {
    }

    private final List<Sample> samples;

    private PrometheusText(List<Sample> samples) {
        this.samples = samples;
    }

    public static PrometheusText parse(String text) {
        List<Sample> samples = new ArrayList<>();
        for (String line : text.split("\n")) {
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            Sample sample = sample(l);
            if (sample != null) {
                samples.add(sample);
            }
        }
        return new PrometheusText(samples);
    }

    /**
     * The sum of every sample of {@code name} whose labels pass {@code labels}; NaN when
     * there is none.
     */
    public double sum(String name, Predicate<Map<String, String>> labels) {
        double sum = 0;
        boolean found = false;
        for (Sample s : samples) {
            if (s.name().equals(name) && labels.test(s.labels())) {
                sum += s.value();
                found = true;
            }
        }
        return found ? sum : Double.NaN;
    }

    public double sum(String name) {
        return sum(name, l -> true);
    }

    public List<Sample> samples() {
        return samples;
    }

    private static Sample sample(String line) {
        int brace = line.indexOf('{');
        int space;
        String name;
        Map<String, String> labels = new HashMap<>();
        if (brace >= 0 && brace < line.indexOf(' ')) {
            name = line.substring(0, brace);
            int close = labels(line, brace + 1, labels);
            if (close < 0) {
                return null;
            }
            space = close + 1;
        }
        else {
            space = line.indexOf(' ');
            if (space < 0) {
                return null;
            }
            name = line.substring(0, space);
        }
        String[] rest = line.substring(space).strip().split("\\s+");
        try {
            return new Sample(name, labels, Double.parseDouble(rest[0]));
        }
        catch (NumberFormatException e) {
            return null;
        }
    }

    /**
     * Reads {@code a="x",b="y"} up to the closing brace; returns its index, or -1 when
     * malformed.
     */
    private static int labels(String line, int from, Map<String, String> labels) {
        int i = from;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (c == '}') {
                return i;
            }
            if (c == ',' || c == ' ') {
                i++;
                continue;
            }
            int eq = line.indexOf('=', i);
            if (eq < 0 || eq + 1 >= line.length() || line.charAt(eq + 1) != '"') {
                return -1;
            }
            String key = line.substring(i, eq);
            StringBuilder value = new StringBuilder();
            int j = eq + 2;
            while (j < line.length() && line.charAt(j) != '"') {
                if (line.charAt(j) == '\\' && j + 1 < line.length()) {
                    j++;
                }
                value.append(line.charAt(j));
                j++;
            }
            labels.put(key, value.toString());
            i = j + 1;
        }
        return -1;
    }

}

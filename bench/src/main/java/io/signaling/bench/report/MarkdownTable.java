package io.signaling.bench.report;

import io.signaling.bench.stats.Percentiles;
import java.util.Locale;

/** The Markdown summary's table of figures, and how a figure is written in it. */
public final class MarkdownTable {

    private final StringBuilder md;

    MarkdownTable(StringBuilder md) {
        this.md = md;
        md.append("| metric | value |\n|---|---|\n");
    }

    public void row(String metric, String value) {
        md.append("| ").append(metric).append(" | ").append(value.replace("|", "\\|")).append(" |\n");
    }

    public static String percentiles(Percentiles p) {
        if (p == null || p.count() == 0) {
            return "–";
        }
        return String.format(Locale.ROOT, "p50 %s · p95 %s · p99 %s · p99.9 %s · max %s (n=%d)", fmt(p.p50()),
                fmt(p.p95()), fmt(p.p99()), fmt(p.p999()), fmt(p.max()), p.count());
    }

    public static String fmt(double v) {
        if (Double.isNaN(v)) {
            return "–";
        }
        if (v >= 100) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        return String.format(Locale.ROOT, "%.2f", v);
    }

}

package io.signaling.bench.stats;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PrometheusTextTest {

    private static final String SCRAPE = """
            # HELP jvm_memory_used_bytes The amount of used memory
            # TYPE jvm_memory_used_bytes gauge
            jvm_memory_used_bytes{application="gateway",area="heap",id="G1 Eden Space"} 4.194304E7
            jvm_memory_used_bytes{application="gateway",area="heap",id="G1 Old Gen"} 2.0E7
            jvm_memory_used_bytes{application="gateway",area="nonheap",id="Metaspace"} 6.0E7
            process_cpu_usage{application="gateway"} 0.25
            signaling_gateway_connections{application="gateway",gateway="gateway-1"} 1234.0
            label_with_escapes{a="x\\"y,z",b="2"} 7 1712345678
            broken line
            """;

    @Test
    void sumsTheSamplesOfANameWhoseLabelsMatch() {
        PrometheusText metrics = PrometheusText.parse(SCRAPE);

        assertThat(metrics.sum("jvm_memory_used_bytes", l -> "heap".equals(l.get("area")))).isEqualTo(61_943_040.0);
        assertThat(metrics.sum("process_cpu_usage")).isEqualTo(0.25);
        assertThat(metrics.sum("signaling_gateway_connections")).isEqualTo(1234.0);
    }

    @Test
    void readsEscapedLabelValuesAndIgnoresTimestampsAndJunk() {
        PrometheusText metrics = PrometheusText.parse(SCRAPE);

        assertThat(metrics.sum("label_with_escapes", l -> "x\"y,z".equals(l.get("a")))).isEqualTo(7.0);
        assertThat(metrics.samples()).hasSize(6);
    }

    @Test
    void anAbsentMetricIsNaN() {
        assertThat(PrometheusText.parse(SCRAPE).sum("jvm_gc_live_data_size_bytes")).isNaN();
    }

}

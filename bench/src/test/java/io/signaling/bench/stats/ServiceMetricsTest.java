package io.signaling.bench.stats;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Services are named by their public URL and sampled on their management port, where the
 * actuator is.
 */
class ServiceMetricsTest {

    private static final String METRICS = """
            jvm_memory_used_bytes{area="heap",id="G1 Eden Space"} 1048576.0
            jvm_memory_used_bytes{area="nonheap",id="Metaspace"} 999.0
            signaling_gateway_connections 7.0
            """;

    private HttpServer actuator;

    @BeforeEach
    void start() throws IOException {
        actuator = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        actuator.createContext("/actuator/prometheus", exchange -> {
            byte[] body = METRICS.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        actuator.start();
    }

    @AfterEach
    void stop() {
        actuator.stop(0);
    }

    @Test
    void aServiceKnownByItsPublicUrlIsSampledOnItsManagementPort() {
        int managementPort = actuator.getAddress().getPort();
        URI publicUrl = URI.create("http://127.0.0.1:" + (managementPort - 100));
        ServiceMetrics metrics = new ServiceMetrics(HttpClient.newHttpClient(), 100);

        metrics.watch(publicUrl);
        metrics.sample(true);

        assertThat(metrics.latest(publicUrl)).isNotNull();
        assertThat(metrics.latest(publicUrl).heapUsedBytes()).isEqualTo(1048576.0);
        assertThat(metrics.latest(publicUrl).connections()).isEqualTo(7.0);
        assertThat(metrics.summary()).containsOnlyKeys(publicUrl.toString());
    }

    @Test
    void aManagementUrlGivenAsSuchIsSampledAsIs() {
        URI relay = URI.create("http://127.0.0.1:" + actuator.getAddress().getPort());
        ServiceMetrics metrics = new ServiceMetrics(HttpClient.newHttpClient(), 100);

        metrics.watchManagement(relay);

        assertThat(metrics.scrape(relay)).isNotNull();
    }

}

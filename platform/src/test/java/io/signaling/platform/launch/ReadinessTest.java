package io.signaling.platform.launch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.signaling.platform.LaunchException;
import io.signaling.platform.net.Ports;
import io.signaling.platform.process.ChildProcess;
import io.signaling.platform.process.Console;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class ReadinessTest {

    private final AtomicReference<String> health = new AtomicReference<>();

    private final ByteArrayOutputStream output = new ByteArrayOutputStream();

    private final Console console = new Console(new PrintStream(output, true, StandardCharsets.UTF_8));

    private HttpServer server;

    private ChildProcess process;

    @BeforeEach
    void actuator() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/actuator/health", exchange -> {
            byte[] body = health.get().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(health.get().contains("\"status\":\"UP\"}") ? 200 : 503, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        process = ChildProcess.start("svc", List.of("/bin/sh", "-c", "while true; do sleep 0.1; done"), null, console);
    }

    @AfterEach
    void stop() {
        server.stop(0);
        process.stop(Duration.ofSeconds(5));
    }

    @Test
    void onlyTheTopLevelStatusCounts() {
        HealthProbe probe = new HealthProbe();
        int port = server.getAddress().getPort();

        health.set("{\"components\":{\"kafka\":{\"status\":\"UP\"}},\"status\":\"DOWN\"}");
        assertThat(probe.status(port)).isEqualTo("DOWN");
        health.set("{\"components\":{\"kafka\":{\"status\":\"UP\"}},\"status\":\"UP\"}");
        assertThat(probe.status(port)).isEqualTo("UP");
        assertThat(probe.status(Ports.freePort())).isEqualTo("not answering");
    }

    @Test
    void waitsUntilEveryServiceIsUp() {
        health.set("{\"status\":\"UP\"}");

        new Readiness(new HealthProbe(), console).await(
                List.of(new Readiness.Component("session-service", process, server.getAddress().getPort())),
                Duration.ofSeconds(10));

        assertThat(output.toString(StandardCharsets.UTF_8)).contains("[platform] session-service is up");
    }

    @Test
    void aServiceThatStaysDownFailsTheStartWithItsStatus() {
        health.set("{\"status\":\"DOWN\"}");

        assertThatThrownBy(() -> new Readiness(new HealthProbe(), console).await(
                List.of(new Readiness.Component("session-service", process, server.getAddress().getPort())),
                Duration.ofSeconds(1)))
            .isInstanceOf(LaunchException.class)
            .hasMessage("session-service was not ready within 1 s (health: DOWN); see its [svc] lines above");
    }

    @Test
    void aServiceThatExitsFailsTheStartAtOnce() {
        process.stop(Duration.ofSeconds(5));

        assertThatThrownBy(() -> new Readiness(new HealthProbe(), console)
            .await(List.of(new Readiness.Component("gateway-1", process, Ports.freePort())), Duration.ofSeconds(60)))
            .isInstanceOf(LaunchException.class)
            .hasMessageStartingWith("gateway-1 exited with code");
    }

}

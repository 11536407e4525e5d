package io.signaling.bench.scenario;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * One run's options ({@code bin/signaling bench --help} explains each).
 *
 * @param url session-service, where {@code POST /connect} goes
 * @param users virtual users (relay and call-setup pair them; idle-connections opens this
 * many)
 * @param rate open loop: signals/s (relay), calls/s (call-setup), sessions/s
 * (connect-storm); 0 = closed loop
 * @param window closed loop: signals in flight per stream (relay)
 * @param concurrency connects in flight at once (and connect-storm's workers in closed
 * loop)
 * @param drain after the measured window, how long to wait for signals still in flight
 * @param ioClients HTTP clients the websockets are spread over (each has one selector
 * thread)
 * @param scrape extra services to sample through {@code /actuator/prometheus}, by
 * management URL (e.g. the relay's)
 * @param managementPortOffset where session-service's and the gateways' actuator is:
 * their port plus this
 */
public record BenchSettings(URI url, Scenario scenario, int users, double rate, int messageBytes, Duration warmup,
        Duration duration, Path reportDir, int window, int concurrency, Duration drain, Duration timeout, int ioClients,
        boolean connectOnly, String runId, List<URI> scrape, int managementPortOffset) {

    public BenchSettings {
        scrape = List.copyOf(scrape);
    }
}

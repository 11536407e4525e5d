package io.signaling.bench.scenario;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * What every scenario's run is given by the options all scenarios share
 * ({@link RunOptions}, {@link LoadOptions}); a scenario's own options go to its own
 * class.
 *
 * @param scenario the subcommand's name, e.g. {@code relay}: names the report and the
 * progress lines
 * @param url session-service, where {@code POST /connect} goes
 * @param users virtual users (0 where the scenario makes its own, as connect-storm does)
 * @param warmup load before the measured window ({@link Duration#ZERO} where there is
 * none)
 * @param drain after the measured window, how long to wait for work still in flight
 * @param concurrency connects in flight at once
 * @param ioClients HTTP clients the websockets are spread over (each has one selector
 * thread)
 * @param scrape extra services to sample through {@code /actuator/prometheus}, by
 * management URL (e.g. the relay's)
 * @param managementPortOffset where session-service's and the gateways' actuator is:
 * their port plus this
 */
public record RunSettings(String scenario, URI url, int users, Duration warmup, Duration duration, Duration drain,
        Path reportDir, int concurrency, Duration timeout, int ioClients, String runId, List<URI> scrape,
        int managementPortOffset) {

    public RunSettings {
        scrape = List.copyOf(scrape);
    }

}

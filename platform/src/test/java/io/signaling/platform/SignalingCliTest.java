package io.signaling.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.signaling.platform.service.GatewayCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class SignalingCliTest {

    private final StringWriter out = new StringWriter();

    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return SignalingCli.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    @Test
    void helpListsEveryCommandAndHowToRunEachServiceAlone() {
        assertThat(run("--help")).isZero();

        assertThat(out.toString()).contains("platform", "session-service", "relay", "gateway",
                "signaling gateway --spring.kafka.bootstrap-servers=");
    }

    @Test
    void everySubcommandHasHelp() {
        for (String command : new String[] { "platform", "session-service", "relay", "gateway" }) {
            out.getBuffer().setLength(0);
            assertThat(run(command, "--help")).as(command).isZero();
            assertThat(out.toString()).as(command).startsWith("Usage: signaling " + command);
        }
        assertThat(out.toString()).contains("--signaling.gateway.delivery-partitions");
    }

    @Test
    void auditReplaysAndRebuildsWithDocumentedExitCodes() {
        assertThat(run("audit", "replay", "--help")).isZero();
        assertThat(out.toString()).startsWith("Usage: signaling audit replay")
            .contains("--user", "--since", "--until", "--format", "--redact", "--follow", "--bootstrap-servers",
                    "Exit codes:");
        out.getBuffer().setLength(0);

        assertThat(run("audit", "rebuild", "--help")).isZero();
        assertThat(out.toString()).contains("1", "differ");
    }

    @Test
    void benchIsNotOnTheLaunchersClassPathButItsHelpSaysHowToRunIt() {
        assertThat(run("--help")).isZero();

        assertThat(out.toString()).contains("signaling bench relay|call-setup|connect-storm|idle-connections");
        assertThat(SignalingCliTest.class.getResource("/io/signaling/bench/BenchCommand.class"))
            .as("the load tool's classes")
            .isNull();
    }

    @Test
    void aProblemTheUserCanFixIsOneErrorLineAndExitCodeOne() {
        assertThat(run("platform", "--gateways", "40")).isEqualTo(1);

        assertThat(err.toString()).isEqualTo("signaling: error: --gateways must be between 1 and 16 "
                + "(one deliveries partition each), not 40" + System.lineSeparator());
    }

    @Test
    void aMistypedOptionIsAUsageError() {
        assertThat(run("platform", "--gatways", "2")).isEqualTo(2);
        assertThat(err.toString()).contains("'--gatways'", "Possible solutions: --gateways");
    }

    @Test
    void serviceCommandsPassEveryArgumentThroughAsSpringProperties() {
        GatewayCommand gateway = new GatewayCommand();
        new CommandLine(gateway).setExpandAtFiles(false)
            .parseArgs("--server.port=8085", "--signaling.gateway.id=@g1", "extra");

        assertThat(gateway.springArgs()).containsExactly("--server.port=8085", "--signaling.gateway.id=@g1", "extra");
    }

}

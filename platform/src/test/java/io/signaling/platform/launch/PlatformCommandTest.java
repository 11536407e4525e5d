package io.signaling.platform.launch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.signaling.platform.LaunchException;
import io.signaling.platform.kafka.BrokerConfig;
import io.signaling.platform.net.PortUse;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class PlatformCommandTest {

    /** Internal ports come from here, predictably: 40001, 40002… */
    private final AtomicInteger nextFree = new AtomicInteger(40000);

    private final IntSupplier freePorts = nextFree::incrementAndGet;

    @TempDir
    Path tmp;

    private PlatformPlan plan(String... args) {
        nextFree.set(40000);
        PlatformCommand command = new PlatformCommand();
        new CommandLine(command).parseArgs(args);
        return command.plan(freePorts);
    }

    @Test
    void defaultsAreALocalBrokerOn9092SessionServiceOn8080AndTwoGatewaysAfterIt() {
        PlatformPlan plan = plan("--data-dir", tmp.resolve("data").toString());

        assertThat(plan.httpPort()).isEqualTo(8080);
        assertThat(plan.gateways()).containsExactly(new PlatformPlan.GatewayPlan("gateway-1", 8081, 0),
                new PlatformPlan.GatewayPlan("gateway-2", 8082, 1));
        assertThat(plan.bootstrapServers()).isEqualTo("127.0.0.1:9092");
        assertThat(plan.broker()).get()
            .extracting(BrokerConfig::kafkaDir)
            .isEqualTo(tmp.resolve("data").resolve("kafka"));
        assertThat(plan.readyLine()).isEqualTo("signaling platform ready: http://127.0.0.1:8080 (connect: POST "
                + "http://127.0.0.1:8080/connect; gateways: http://127.0.0.1:8081/ws, http://127.0.0.1:8082/ws; "
                + "kafka: 127.0.0.1:9092)");
    }

    @Test
    void theDataDirDefaultsToDotSignalingDataInTheWorkingDirectory() {
        PlatformPlan plan = plan();

        assertThat(plan.dataDir()).isEqualTo(Path.of(".signaling-data").toAbsolutePath().normalize());
        assertThat(plan.relayStateDir()).isEqualTo(plan.dataDir().resolve("relay"));
    }

    @Test
    void gatewaysTakeThePortsAfterTheHttpPortEachWithItsOwnDeliveriesPartition() {
        PlatformPlan plan = plan("--http-port", "9000", "--gateways", "3", "--kafka-port", "9500", "--data-dir",
                tmp.toString());

        assertThat(plan.gateways()).extracting(PlatformPlan.GatewayPlan::port).containsExactly(9001, 9002, 9003);
        assertThat(plan.gateways()).extracting(PlatformPlan.GatewayPlan::deliveryPartition).containsExactly(0, 1, 2);
        assertThat(plan.gateways()).extracting(PlatformPlan.GatewayPlan::listeningAddress)
            .containsExactly("http://127.0.0.1:9001/ws", "http://127.0.0.1:9002/ws", "http://127.0.0.1:9003/ws");
        assertThat(plan.ports()).extracting(PortUse::port)
            .containsExactly(9000, 9001, 9002, 9003, 9100, 9101, 9102, 9103, 9500, 40001, 40002);
    }

    @Test
    void eachServiceHasItsManagementPortAHundredAboveItsPublicOne() {
        PlatformPlan plan = plan("--http-port", "9000", "--gateways", "2", "--data-dir", tmp.toString());

        assertThat(plan.sessionManagementPort()).isEqualTo(9100);
        assertThat(plan.gateways()).extracting(PlatformPlan.GatewayPlan::managementPort).containsExactly(9101, 9102);
        assertThat(plan.ports()).extracting(PortUse::owner)
            .contains("session-service management, --http-port + 100", "gateway-2 management, its port + 100",
                    "relay management");
        assertThat(plan.logsDir()).isEqualTo(tmp.resolve("logs"));
        assertThat(plan.tmpDir()).isEqualTo(tmp.resolve("tmp"));
    }

    @Test
    void anExistingClusterMeansNoLocalBrokerAndNoKafkaPorts() {
        PlatformPlan plan = plan("--bootstrap-servers", "kafka-1:9092,kafka-2:9092", "--data-dir", tmp.toString());

        assertThat(plan.broker()).isEmpty();
        assertThat(plan.bootstrapServers()).isEqualTo("kafka-1:9092,kafka-2:9092");
        assertThat(plan.ports()).extracting(PortUse::owner).noneMatch(owner -> owner.contains("kafka"));
        assertThat(plan.readyLine()).endsWith("kafka: kafka-1:9092,kafka-2:9092)");
    }

    @Test
    void kafkaOnlyPlansJustTheBroker() {
        PlatformPlan plan = plan("--kafka-only", "--kafka-port", "9600", "--data-dir", tmp.toString());

        assertThat(plan.gateways()).isEmpty();
        assertThat(plan.ports()).extracting(PortUse::port).containsExactly(9600, 40001);
        assertThat(plan.readyLine()).isEqualTo("signaling platform ready: kafka only (kafka: 127.0.0.1:9600)");
    }

    @Test
    void aRestartKeepsTheControllerPortOfThePreviousRunWhileItIsFree() throws IOException {
        int previous;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            previous = socket.getLocalPort();
        }
        new BrokerConfig(tmp.resolve("kafka"), 9092, previous).write();

        assertThat(plan("--data-dir", tmp.toString()).broker()).get()
            .extracting(BrokerConfig::controllerPort)
            .isEqualTo(previous);

        try (ServerSocket taken = new ServerSocket(previous, 1, InetAddress.getLoopbackAddress())) {
            assertThat(plan("--data-dir", tmp.toString()).broker()).get()
                .extracting(BrokerConfig::controllerPort)
                .isEqualTo(40001);
        }
    }

    @Test
    void rejectsGatewayCountsWithoutAPartitionEach() {
        assertThatThrownBy(() -> plan("--gateways", "0")).isInstanceOf(LaunchException.class)
            .hasMessage("--gateways must be between 1 and 16 (one deliveries partition each), not 0");
        assertThatThrownBy(() -> plan("--gateways", "17")).isInstanceOf(LaunchException.class);
    }

    @Test
    void localBrokerOptionsDoNotMixWithAnExistingCluster() {
        assertThatThrownBy(() -> plan("--bootstrap-servers", "k:9092", "--kafka-port", "9093"))
            .isInstanceOf(LaunchException.class)
            .hasMessage("--kafka-port is about the local broker; it cannot be combined with --bootstrap-servers");
        assertThatThrownBy(() -> plan("--bootstrap-servers", "k:9092", "--kafka-only"))
            .isInstanceOf(LaunchException.class);
    }

}

package io.signaling.platform.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.signaling.platform.LaunchException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class PortsTest {

    @Test
    void aPortSomebodyListensOnIsReportedWithWhatWantedIt() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();

            assertThat(Ports.isFree(port)).isFalse();
            assertThatThrownBy(() -> Ports.requireFree(List.of(new PortUse(Ports.freePort(), "gateway-1"),
                    new PortUse(port, "session-service, --http-port"))))
                .isInstanceOf(LaunchException.class)
                .hasMessageStartingWith("port " + port + " (session-service, --http-port) is already in use");
        }
    }

    @Test
    void freePortsPass() {
        int port = Ports.freePort();

        assertThat(Ports.isFree(port)).isTrue();
        assertThatCode(() -> Ports.requireFree(List.of(new PortUse(port, "kafka")))).doesNotThrowAnyException();
    }

    @Test
    void portsAskedForTogetherAreDifferentAndFree() {
        int[] ports = Ports.freePorts(20);

        assertThat(ports).hasSize(20).doesNotHaveDuplicates();
        assertThat(Arrays.stream(ports).filter(port -> !Ports.isFree(port))).isEmpty();
    }

    @Test
    void chosenPortsAreOutsideTheRangeWhereOutgoingConnectionsTakeTheirs() {
        int[] ephemeral = Ports.ephemeralRange();
        int[] ports = Ports.freePorts(50);

        assertThat(ports).doesNotHaveDuplicates();
        assertThat(Arrays.stream(ports).boxed().toList()).allSatisfy(
                port -> assertThat(port >= 1024 && (port < ephemeral[0] || port > ephemeral[1])).as("port %d", port)
                    .isTrue());
        assertThat(Ports.freePorts(50)).as("never handed out twice").doesNotContain(ports);
    }

    @Test
    void aPortPlannedTwiceIsRefusedBeforeAnyIsTried() {
        assertThatThrownBy(() -> Ports.requireFree(List.of(new PortUse(9092, "gateway-1"), new PortUse(9092, "kafka"))))
            .isInstanceOf(LaunchException.class)
            .hasMessageStartingWith("port 9092 is planned for both gateway-1 and kafka");
        assertThatThrownBy(() -> Ports.requireFree(List.of(new PortUse(65536, "gateway-3"))))
            .hasMessage("port 65536 (gateway-3) is not a valid port number");
    }

}

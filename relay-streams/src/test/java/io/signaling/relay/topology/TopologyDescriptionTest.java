package io.signaling.relay.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.signaling.schemas.topic.Topics;
import io.signaling.schemas.topic.TopicsProperties;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Golden test: node and store names are part of the deployed state (changelog topics, the
 * consumer group's offsets). If this fails, the change renames something in production:
 * make it deliberately and update {@code topology.txt}.
 */
class TopologyDescriptionTest {

    @Test
    void theTopologyIsTheOneInTopologyTxt() throws IOException {
        String described = SignalingTopology
            .build(Topics.from(TopicsProperties.defaults("signaling")), RelaySettings.defaults())
            .describe()
            .toString();

        assertThat(normalize(described)).isEqualTo(normalize(golden()));
    }

    private static String golden() throws IOException {
        try (InputStream in = TopologyDescriptionTest.class.getResourceAsStream("/topology.txt")) {
            assertThat(in).as("src/test/resources/topology.txt").isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String normalize(String s) {
        return s.replace("\r\n", "\n").strip();
    }

}

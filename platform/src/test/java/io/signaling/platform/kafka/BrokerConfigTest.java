package io.signaling.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BrokerConfigTest {

    @TempDir
    Path tmp;

    @Test
    void oneKraftNodeThatIsBrokerAndControllerOnLoopback() throws IOException {
        BrokerConfig config = new BrokerConfig(tmp.resolve("kafka"), 19092, 19093);

        Properties p = new Properties();
        p.load(new StringReader(config.render()));

        assertThat(p.getProperty("process.roles")).isEqualTo("broker,controller");
        assertThat(p.getProperty("node.id")).isEqualTo("1");
        assertThat(p.getProperty("controller.quorum.bootstrap.servers")).isEqualTo("127.0.0.1:19093");
        assertThat(p.getProperty("controller.quorum.voters")).isNull();
        assertThat(p.getProperty("listeners")).isEqualTo("PLAINTEXT://127.0.0.1:19092,CONTROLLER://127.0.0.1:19093");
        assertThat(p.getProperty("controller.listener.names")).isEqualTo("CONTROLLER");
        assertThat(p.getProperty("log.dirs")).isEqualTo(tmp.resolve("kafka").resolve("data").toString());
        assertThat(p.getProperty("offsets.topic.replication.factor")).isEqualTo("1");
        assertThat(p.getProperty("transaction.state.log.replication.factor")).isEqualTo("1");
        assertThat(p.getProperty("group.initial.rebalance.delay.ms")).isEqualTo("0");
        assertThat(p.getProperty("num.network.threads")).isEqualTo("1");
        assertThat(p.getProperty("num.io.threads")).isEqualTo("2");
        assertThat(config.bootstrapServers()).isEqualTo("127.0.0.1:19092");
    }

    @Test
    void theControllerPortOfAWrittenFileIsReadBack() throws IOException {
        BrokerConfig config = new BrokerConfig(tmp.resolve("kafka"), 19092, 40123);
        config.write();

        assertThat(BrokerConfig.previousControllerPort(config.serverProperties())).hasValue(40123);
        assertThat(BrokerConfig.previousControllerPort(tmp.resolve("none.properties"))).isEmpty();
        Files.writeString(tmp.resolve("odd.properties"), "controller.quorum.bootstrap.servers=nonsense\n");
        assertThat(BrokerConfig.previousControllerPort(tmp.resolve("odd.properties"))).isEmpty();
    }

}

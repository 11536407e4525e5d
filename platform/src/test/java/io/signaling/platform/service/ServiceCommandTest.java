package io.signaling.platform.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.signaling.platform.Home;
import io.signaling.platform.process.JavaCommand;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * What bin/signaling execs for a service run alone: this Java, the service's jar, every
 * argument as given.
 */
class ServiceCommandTest {

    @TempDir
    Path root;

    @Test
    void theCommandLineIsWrittenForTheScriptToExecArgumentByArgument() throws Exception {
        Path jar = root.resolve("relay-streams/target/relay-streams-1.0-exec.jar");
        Files.createDirectories(jar.getParent());
        Files.writeString(jar, "");
        RelayCommand relay = new RelayCommand();
        new CommandLine(relay).setExpandAtFiles(false)
            .parseArgs("--server.port=8090", "--signaling.relay.state-dir=/var/lib/my relay", "--x=@y");

        List<String> command = relay.command(new Home(root, "1.0"));
        Path file = root.resolve("exec");
        ServiceCommand.writeForExec(file, command);

        assertThat(command.get(0)).isEqualTo(JavaCommand.java());
        assertThat(command).containsSubsequence("-jar", jar.toString(), "--server.port=8090",
                "--signaling.relay.state-dir=/var/lib/my relay", "--x=@y");
        assertThat(Files.readString(file, StandardCharsets.UTF_8).split("\0", -1))
            .as("each argument ended by NUL, spaces kept")
            .containsExactlyElementsOf(
                    java.util.stream.Stream.concat(command.stream(), java.util.stream.Stream.of("")).toList());
    }

}

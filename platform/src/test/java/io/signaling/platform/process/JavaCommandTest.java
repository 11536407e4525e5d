package io.signaling.platform.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JavaCommandTest {

    @TempDir
    Path dataDir;

    @Test
    void aChildOfTheLocalPlatformRunsTheSerialCollector() throws Exception {
        List<String> options = JavaCommand.childOptions("64m", dataDir, List.of());

        assertThat(options).contains("-Xmx64m", "-XX:+UseSerialGC");
        assertThat(collectorOf(options)).isEqualTo("SerialGC");
    }

    @Test
    void aCollectorInTheUsersOptionsReplacesOursAndTheJvmStillStarts() throws Exception {
        List<String> options = JavaCommand.childOptions("64m", dataDir, List.of("-XX:+UseG1GC"));

        assertThat(options).doesNotContain("-XX:+UseSerialGC").endsWith("-XX:+UseG1GC");
        assertThat(collectorOf(options)).isEqualTo("G1GC");
    }

    @Test
    void theUsersOptionsComeLastSoTheyWin() {
        List<String> options = JavaCommand.childOptions("64m", dataDir, List.of("-Xmx1g"));

        assertThat(options.indexOf("-Xmx1g")).isGreaterThan(options.indexOf("-Xmx64m"));
    }

    /**
     * The collector a JVM started with {@code options} says it uses ("SerialGC",
     * "G1GC"...); a JVM that refuses the options fails the test.
     */
    private static String collectorOf(List<String> options) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(JavaCommand.java());
        command.addAll(options);
        command.addAll(List.of("-XX:+PrintFlagsFinal", "-version"));
        Process java = new ProcessBuilder(command).redirectErrorStream(true).start();
        String printed = new String(java.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(java.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(java.exitValue()).as(printed).isZero();
        return printed.lines()
            .filter(line -> line.matches("\\s*bool Use(Serial|Parallel|G1|Z|Shenandoah|Epsilon)GC\\s+= true.*"))
            .map(line -> line.trim().split("\\s+")[1].substring("Use".length()))
            .findFirst()
            .orElse("none");
    }

}

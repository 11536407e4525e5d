package io.signaling.audit.cli;

import io.signaling.audit.rebuild.TableDiff;
import io.signaling.audit.rebuild.TableRebuilder;
import io.signaling.schemas.session.SessionState;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.common.KafkaException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "rebuild", mixinStandardHelpOptions = true,
        description = "Rebuild the session table from the session-events log and compare it with the live table.",
        exitCodeListHeading = "%nExit codes:%n", exitCodeList = { "0:the rebuilt table equals the live table",
                "1:they differ (the diff is printed)", "2:bad arguments", "3:Kafka could not be reached" })
public final class RebuildCommand implements Callable<Integer> {

    @Mixin
    KafkaOptions kafka;

    @Spec
    CommandSpec spec;

    @Option(names = "--attempts", defaultValue = "3",
            description = "compare this many times, a second apart, before reporting a difference: the relay "
                    + "writes an event and its table row one after the other (default: ${DEFAULT-VALUE})")
    int attempts;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        try (TableRebuilder rebuilder = new TableRebuilder(kafka.bootstrapServers, kafka.topics())) {
            TableDiff diff = null;
            Map<String, SessionState> rebuilt = Map.of();
            for (int attempt = 1; attempt <= Math.max(1, attempts); attempt++) {
                rebuilt = rebuilder.rebuildFromEvents();
                diff = TableDiff.between(rebuilt, rebuilder.liveTable());
                if (diff.isEmpty()) {
                    break;
                }
                if (attempt < attempts) {
                    Thread.sleep(1000); // let an in-flight event/row pair land before
                                        // judging
                }
            }
            if (diff.isEmpty()) {
                out.printf("session table OK: %d live sessions rebuilt from the event log equal the live table%n",
                        rebuilt.size());
                out.flush();
                return ExitCodes.OK;
            }
            out.printf(
                    "session table DIFFERS: %d rows disagree (- only in the event log, + only in the live table, ~ both)%n",
                    diff.lines().size());
            diff.lines().forEach(out::println);
            out.flush();
            return ExitCodes.TABLES_DIFFER;
        }
        catch (KafkaException e) {
            spec.commandLine()
                .getErr()
                .println("audit rebuild: cannot read Kafka at " + kafka.bootstrapServers + ": " + e.getMessage());
            return ExitCodes.KAFKA_UNAVAILABLE;
        }
    }

}

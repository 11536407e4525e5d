package io.signaling.audit.cli;

import io.signaling.audit.replay.HistoryReader;
import io.signaling.audit.replay.ReplayQuery;
import io.signaling.audit.replay.TimeArgument;
import io.signaling.audit.replay.TimelineFormat;
import io.signaling.audit.replay.TimelineWriter;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.common.KafkaException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "replay", mixinStandardHelpOptions = true,
        description = "Print the time-ordered history of session events and signals.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = { "0:the history was printed", "2:bad arguments", "3:Kafka could not be reached" })
public final class ReplayCommand implements Callable<Integer> {

    @Mixin
    KafkaOptions kafka;

    @Spec
    CommandSpec spec;

    @Option(names = "--user", description = "only entries where this user is session owner, sender or recipient")
    String user;

    @Option(names = "--since", description = "ISO-8601 instant or a duration back from now (30s, 10m, 2h, 1d)")
    String since;

    @Option(names = "--until", description = "ISO-8601 instant or a duration back from now")
    String until;

    @Option(names = "--format", defaultValue = "text", description = "text or jsonl (default: ${DEFAULT-VALUE})")
    String format;

    @Option(names = "--redact", description = "leave out signal content (SDP carries IP addresses)")
    boolean redact;

    @Option(names = "--follow", description = "keep printing new entries until interrupted")
    boolean follow;

    Clock clock = Clock.systemUTC();

    @Override
    public Integer call() {
        TimelineFormat timelineFormat = parseFormat();
        ReplayQuery query = new ReplayQuery(user, time(since, "--since"), time(until, "--until"), redact);
        PrintWriter out = spec.commandLine().getOut();
        try (HistoryReader reader = new HistoryReader(kafka.bootstrapServers, kafka.topics(),
                spec.commandLine().getErr()); TimelineWriter lines = timelineFormat.writer(out)) {
            if (follow) {
                AtomicBoolean running = new AtomicBoolean(true);
                Runtime.getRuntime().addShutdownHook(new Thread(() -> running.set(false)));
                reader.follow(query, e -> {
                    lines.accept(e);
                    lines.flush(); // someone is watching: every entry as it comes
                }, running::get);
            }
            else {
                reader.replay(query, lines); // printed as the merge emits; lines reach
                                             // out a buffer at a time
            }
            return ExitCodes.OK;
        }
        catch (KafkaException e) {
            spec.commandLine()
                .getErr()
                .println("audit replay: cannot read Kafka at " + kafka.bootstrapServers + ": " + e.getMessage());
            return ExitCodes.KAFKA_UNAVAILABLE;
        }
    }

    private TimelineFormat parseFormat() {
        try {
            return TimelineFormat.valueOf(format.toUpperCase(java.util.Locale.ROOT));
        }
        catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--format must be text or jsonl, not '" + format + "'");
        }
    }

    private Instant time(String text, String option) {
        if (text == null) {
            return null;
        }
        try {
            return TimeArgument.parse(text, clock);
        }
        catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), option + ": " + e.getMessage());
        }
    }

}

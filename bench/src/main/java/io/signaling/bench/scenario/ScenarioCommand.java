package io.signaling.bench.scenario;

import io.signaling.bench.report.ScenarioReport;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * What every scenario subcommand shares: the options of every run, the exit codes, and
 * the run itself (its own options checked, then its scenario). Each subclass declares
 * only its own name, texts and options: picocli takes the {@code @Command} attributes
 * below for every subclass that does not set them.
 */
@Command(mixinStandardHelpOptions = true, sortOptions = false, exitCodeListHeading = ScenarioCommand.EXIT_CODES,
        exitCodeList = { ScenarioCommand.EXIT_REPORTED, ScenarioCommand.EXIT_NOBODY, ScenarioCommand.EXIT_USAGE })
abstract class ScenarioCommand implements Callable<Integer> {

    static final String EXIT_CODES = "%nExit codes:%n";

    static final String EXIT_REPORTED = "0:the run finished and its report was written";

    static final String EXIT_NOBODY = "1:no user could connect (is the platform up?)";

    static final String EXIT_USAGE = "2:bad arguments";

    @Spec
    CommandSpec spec;

    @Mixin
    RunOptions run;

    @Override
    public final Integer call() {
        return ScenarioLauncher.run(settings(), connectsInWindowOnly(), this::scenario);
    }

    /**
     * The run's settings once this scenario's own options are checked (a bad one: exit
     * 2).
     */
    abstract RunSettings settings();

    abstract ScenarioReport scenario(ScenarioRun run);

    /** See {@link ScenarioRun}: true where connecting is what is measured. */
    boolean connectsInWindowOnly() {
        return false;
    }

    void require(boolean condition, String message) {
        Arguments.require(spec, condition, message);
    }

    /**
     * A scenario that offers load: it has a warm-up before its window and a drain after.
     */
    abstract static class Loaded extends ScenarioCommand {

        @Mixin
        LoadOptions load;

    }

}

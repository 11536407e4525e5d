package io.signaling.bench.report;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

/**
 * One scenario's report: the {@link RunSummary} every run has, and the scenario's own
 * sections. {@link ReportWriter} writes it as JSON and Markdown.
 */
public interface ScenarioReport {

    /** Unwrapped into the JSON's top level. */
    @JsonUnwrapped
    RunSummary run();

    /**
     * The load offered, for the Markdown's first line, e.g.
     * {@code 2,000 signals/s (open loop)}.
     */
    String describeLoad();

    /** The scenario's own rows of the Markdown table. */
    void addRows(MarkdownTable table);

    /**
     * One line for the terminal after the report, with the figure a reader compares runs
     * by; null when the scenario has none.
     */
    default String summaryLine() {
        return null;
    }

}

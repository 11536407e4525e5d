package io.signaling.audit.replay;

import io.signaling.schemas.audit.TimelineEntry;
import java.io.StringWriter;

/**
 * How {@code audit replay} prints an entry: aligned text for people, JSON lines for
 * tools.
 */
public enum TimelineFormat {

    /**
     * {@code at  kind  who  details}, padded into columns; signal content as compact
     * JSON.
     */
    TEXT,

    /**
     * One JSON object per line: exactly what the schema's mapper writes for the
     * {@link TimelineEntry} (fields in its order, nulls left out), the content copied as
     * the record holds it.
     */
    JSONL;

    /** A writer printing entries in this format to {@code out}, one line each. */
    public TimelineWriter writer(java.io.Writer out) {
        return new TimelineWriter(this, out);
    }

    /**
     * One entry in this format, without the line separator: for a single entry; to print
     * many, use {@link #writer}.
     */
    public String format(TimelineEntry entry) {
        StringWriter out = new StringWriter();
        try (TimelineWriter writer = writer(out)) {
            writer.accept(entry);
        }
        String line = out.toString();
        return line.substring(0, line.length() - System.lineSeparator().length());
    }

}

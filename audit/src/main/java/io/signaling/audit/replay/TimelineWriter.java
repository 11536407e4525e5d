package io.signaling.audit.replay;

import io.signaling.schemas.audit.TimelineEntry;
import io.signaling.schemas.json.Json;
import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.function.Consumer;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.SerializableString;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.core.io.SerializedString;

/**
 * Prints entries as they come, one line each ({@link System#lineSeparator()}), in a
 * {@link TimelineFormat}. JSONL goes through one streaming generator of the schema's
 * mapper for the whole output, so strings are escaped as that mapper escapes them and the
 * content is copied raw; its lines reach {@code out} a generator buffer at a time. TEXT
 * lines are handed to {@code out} one by one. {@link #flush()} pushes everything through
 * to {@code out} and flushes it; {@link #close()} does too, and leaves {@code out} open.
 * Not thread-safe.
 */
public final class TimelineWriter implements Consumer<TimelineEntry>, Flushable, Closeable {

    private static final String NEWLINE = System.lineSeparator();

    private static final SerializableString AT = new SerializedString("at");

    private static final SerializableString KIND = new SerializedString("kind");

    private static final SerializableString TOPIC = new SerializedString("topic");

    private static final SerializableString PARTITION = new SerializedString("partition");

    private static final SerializableString OFFSET = new SerializedString("offset");

    private static final SerializableString USER_ID = new SerializedString("userId");

    private static final SerializableString SESSION_ID = new SerializedString("sessionId");

    private static final SerializableString SIGNAL_ID = new SerializedString("signalId");

    private static final SerializableString FROM = new SerializedString("from");

    private static final SerializableString TO = new SerializedString("to");

    private static final SerializableString GATEWAY_ID = new SerializedString("gatewayId");

    private static final SerializableString REASON = new SerializedString("reason");

    private static final SerializableString CONTENT = new SerializedString("content");

    private final TimelineFormat format;

    private final Writer out;

    private final JsonGenerator json;

    private final InstantText instants = new InstantText();

    private final StringBuilder line = new StringBuilder(256);

    TimelineWriter(TimelineFormat format, Writer out) {
        this.format = format;
        this.out = out;
        this.json = format == TimelineFormat.JSONL ? Json.mapper()
            .writer()
            .without(StreamWriteFeature.AUTO_CLOSE_TARGET)
            .withRootValueSeparator((String) null)
            .createGenerator(out) : null;
    }

    @Override
    public void accept(TimelineEntry entry) {
        if (format == TimelineFormat.JSONL) {
            writeJson(entry);
        }
        else {
            writeText(entry);
        }
    }

    private void writeJson(TimelineEntry e) {
        json.writeStartObject();
        json.writeName(AT);
        int at = instants.format(e.at());
        if (at >= 0) {
            json.writeString(instants.chars(), 0, at);
        }
        else {
            json.writeString(e.at().toString());
        }
        string(KIND, e.kind());
        string(TOPIC, e.topic());
        json.writeName(PARTITION);
        json.writeNumber(e.partition());
        json.writeName(OFFSET);
        json.writeNumber(e.offset());
        string(USER_ID, e.userId());
        string(SESSION_ID, e.sessionId());
        string(SIGNAL_ID, e.signalId());
        string(FROM, e.from());
        string(TO, e.to());
        string(GATEWAY_ID, e.gatewayId());
        string(REASON, e.reason());
        if (e.content() != null) {
            json.writeName(CONTENT);
            json.writeRawValue(e.content().text());
        }
        json.writeEndObject();
        json.writeRaw(NEWLINE);
    }

    private void string(SerializableString name, String value) {
        if (value != null) {
            json.writeName(name);
            json.writeString(value);
        }
    }

    private void writeText(TimelineEntry e) {
        line.setLength(0);
        int start = 0;
        instants.append(e.at(), line);
        pad(start, 24);
        start = line.append("  ").length();
        line.append(e.kind());
        pad(start, 16);
        start = line.append("  ").length();
        if (e.from() != null) {
            line.append(e.from()).append(" -> ").append(e.to());
        }
        else {
            line.append(e.userId());
        }
        pad(start, 32);
        line.append("  ");
        int details = line.length();
        detail(details, "id", e.signalId());
        detail(details, "session", e.sessionId());
        detail(details, "gateway", e.gatewayId());
        detail(details, "reason", e.reason());
        if (e.content() != null) {
            separate(details);
            line.append("content=").append(e.content().text());
        }
        line.append(NEWLINE);
        try {
            out.append(line);
        }
        catch (IOException failed) {
            throw new UncheckedIOException(failed);
        }
    }

    /**
     * Pads the column started at {@code start} with spaces to {@code width} (longer
     * values are kept whole).
     */
    private void pad(int start, int width) {
        for (int i = line.length() - start; i < width; i++) {
            line.append(' ');
        }
    }

    private void detail(int details, String name, String value) {
        if (value != null) {
            separate(details);
            line.append(name).append('=').append(value);
        }
    }

    private void separate(int details) {
        if (line.length() > details) {
            line.append(' ');
        }
    }

    @Override
    public void flush() {
        try {
            if (json != null) {
                json.flush();
            }
            else {
                out.flush();
            }
        }
        catch (IOException failed) {
            throw new UncheckedIOException(failed);
        }
    }

    /** Writes out what is buffered; {@code out} stays open. */
    @Override
    public void close() {
        if (json != null) {
            json.close(); // flushes into out, and out too
        }
        else {
            flush();
        }
    }

}

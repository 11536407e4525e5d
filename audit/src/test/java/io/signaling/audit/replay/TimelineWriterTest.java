package io.signaling.audit.replay;

import static org.assertj.core.api.Assertions.assertThat;
import io.signaling.schemas.json.RawJson;

import io.signaling.schemas.audit.TimelineEntry;
import io.signaling.schemas.json.Json;
import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Lines as they stream: one per entry, the text columns, instants as
 * {@link Instant#toString()} spells them.
 */
class TimelineWriterTest {

    static final long T = Instant.parse("2026-01-01T10:00:00Z").toEpochMilli();
    static final String NL = System.lineSeparator();

    static RawJson raw(String json) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        return RawJson.slice(bytes, 0, bytes.length);
    }

    static TimelineEntry signal(long at, String content) {
        return new TimelineEntry(Instant.ofEpochMilli(at), "signal-accepted", "t.signals", 0, 4, null, "s-a", "m1",
                "alice", "bob", "gw-a", null, content == null ? null : raw(content));
    }

    static TimelineEntry refused(long at) {
        return new TimelineEntry(Instant.ofEpochMilli(at), "session-refused", "t.session-events", 1, 2, "bob", "s-b2",
                null, null, null, null, "user-id-taken", null);
    }

    @Test
    void textPadsColumnsAndShowsContentAsCompactJson() {
        assertThat(TimelineFormat.TEXT.format(signal(T, "{\"type\":\"offer\"}")))
            .isEqualTo("2026-01-01T10:00:00Z      signal-accepted   alice -> bob                      "
                    + "id=m1 session=s-a gateway=gw-a content={\"type\":\"offer\"}");
        assertThat(TimelineFormat.TEXT.format(refused(T + 5)))
            .isEqualTo("2026-01-01T10:00:00.005Z  session-refused   bob                               "
                    + "session=s-b2 reason=user-id-taken");
    }

    @Test
    void textKeepsALongValueWholeAndWritesNullAsToday() {
        TimelineEntry entry = new TimelineEntry(Instant.ofEpochMilli(T), "a-kind-longer-than-sixteen", "t", 0, 0, null,
                null, null, null, null, null, null, null);

        // the format before streaming: String.format("%-24s %-16s %-32s %s", at, kind,
        // who, details)
        assertThat(TimelineFormat.TEXT.format(entry))
            .isEqualTo(String.format("%-24s  %-16s  %-32s  %s", entry.at(), entry.kind(), entry.userId(), ""));
    }

    @Test
    void aWriterPrintsOneLinePerEntryAndLeavesItsTargetOpen() {
        List<TimelineEntry> entries = List.of(signal(T, "{\"a\":1}"), refused(T + 1), signal(T + 2, null));
        for (TimelineFormat format : TimelineFormat.values()) {
            StringWriter out = new StringWriter();
            TrackingWriter target = new TrackingWriter(out);
            try (TimelineWriter writer = format.writer(target)) {
                entries.forEach(writer);
            }

            assertThat(out.toString()).as(format.name())
                .isEqualTo(String.join(NL, entries.stream().map(format::format).toList()) + NL);
            assertThat(target.closed).as(format.name()).isFalse();
            assertThat(target.flushes).as(format.name()).isPositive();
        }
    }

    @Test
    void jsonlLinesAreWhatTheSchemaMapperWritesForTheEntry() {
        TimelineEntry entry = new TimelineEntry(Instant.ofEpochMilli(T + 999), "signal-accepted", "t/\"odd\"", 11,
                Long.MAX_VALUE, "u\u2028", null, "é", "a\tb", "c\\d", "g\u0000", "r/", raw("{\"k\":[true,null,0.1]}"));

        // the content as the mapper writes its tree, as when the entry held one
        TimelineEntry withTree = new TimelineEntry(entry.at(), entry.kind(), entry.topic(), entry.partition(),
                entry.offset(), entry.userId(), entry.sessionId(), entry.signalId(), entry.from(), entry.to(),
                entry.gatewayId(), entry.reason(), RawJson.of(entry.content().toTree()));

        assertThat(TimelineFormat.JSONL.format(entry)).isEqualTo(Json.mapper().writeValueAsString(withTree))
            .isEqualTo(Json.mapper().writeValueAsString(entry));
    }

    @Test
    void anInstantOutsideWholeMillisecondsOrFourDigitYearsIsSpelledAsTheMapperSpellsIt() {
        for (Instant at : List.of(Instant.ofEpochMilli(T).plusNanos(1), Instant.ofEpochMilli(T).plusNanos(1_500_000),
                Instant.ofEpochSecond(253_402_300_800L), Instant.ofEpochSecond(-62_167_219_201L), Instant.MAX,
                Instant.MIN)) {
            TimelineEntry entry = new TimelineEntry(at, "session-refused", "t", 0, 0, "bob", null, null, null, null,
                    null, null, null);

            assertThat(TimelineFormat.JSONL.format(entry)).as(at.toString())
                .isEqualTo(Json.mapper().writeValueAsString(entry));
            assertThat(TimelineFormat.TEXT.format(entry)).as(at.toString()).startsWith(at + "  ");
        }
    }

    @Test
    void flushSendsWhatIsBufferedAsFollowNeeds() {
        StringWriter out = new StringWriter();
        TimelineWriter writer = TimelineFormat.JSONL.writer(out);

        writer.accept(refused(T));
        writer.flush();

        assertThat(out.toString()).endsWith(NL).contains("session-refused");
    }

    @Test
    void instantsAreSpelledAsInstantToStringSpellsThem() {
        InstantText text = new InstantText();
        Random random = new Random(7);
        long[] edges = { 0, 1, 999, 1000, -1, -1000, -1001, T, T + 1, T + 10, T + 100, Long.MAX_VALUE, Long.MIN_VALUE,
                -62_167_219_200_000L, -62_167_219_200_001L, 253_402_300_799_999L, 253_402_300_800_000L,
                Instant.parse("2024-02-29T23:59:59.999Z").toEpochMilli() };
        for (long at : edges) {
            StringBuilder out = new StringBuilder();
            text.append(at, out);
            assertThat(out.toString()).isEqualTo(Instant.ofEpochMilli(at).toString());
        }
        long at = T;
        for (int i = 0; i < 100_000; i++) {
            at = random.nextInt(10) == 0 ? random.nextLong() % 300_000_000_000_000L : at + random.nextInt(2_000);
            StringBuilder out = new StringBuilder();
            text.append(at, out);
            assertThat(out.toString()).isEqualTo(Instant.ofEpochMilli(at).toString());
        }
    }

    /** Records whether the writer closed or flushed its target. */
    static final class TrackingWriter extends Writer {

        final Writer out;

        boolean closed;

        int flushes;

        TrackingWriter(Writer out) {
            this.out = out;
        }

        @Override
        public void write(char[] buf, int off, int len) throws IOException {
            out.write(buf, off, len);
        }

        @Override
        public void flush() {
            flushes++;
        }

        @Override
        public void close() {
            closed = true;
        }

    }

}

package io.signaling.audit.replay;

import io.signaling.schemas.audit.TimelineEntry;
import io.signaling.schemas.json.Json;
import java.util.StringJoiner;

/** How {@code audit replay} prints an entry: aligned text for people, JSON lines for tools. */
public enum TimelineFormat {

    TEXT {
        @Override
        public String format(TimelineEntry e) {
            String who = e.from() != null ? e.from() + " -> " + e.to() : e.userId();
            StringJoiner details = new StringJoiner(" ");
            append(details, "id", e.signalId());
            append(details, "session", e.sessionId());
            append(details, "gateway", e.gatewayId());
            append(details, "reason", e.reason());
            if (e.content() != null) {
                details.add("content=" + Json.mapper().writeValueAsString(e.content()));
            }
            return String.format("%-24s  %-16s  %-32s  %s", e.at(), e.kind(), who, details);
        }

        private void append(StringJoiner details, String name, String value) {
            if (value != null) {
                details.add(name + "=" + value);
            }
        }
    },

    JSONL {
        @Override
        public String format(TimelineEntry e) {
            return Json.mapper().writeValueAsString(e);
        }
    };

    public abstract String format(TimelineEntry entry);
}

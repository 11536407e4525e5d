package io.signaling.audit.rebuild;

import io.signaling.schemas.session.SessionState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/** The rows on which the table rebuilt from events and the live table disagree. */
public record TableDiff(List<String> lines) {

    public static TableDiff between(Map<String, SessionState> rebuilt, Map<String, SessionState> live) {
        List<String> lines = new ArrayList<>();
        TreeSet<String> users = new TreeSet<>(rebuilt.keySet());
        users.addAll(live.keySet());
        for (String user : users) {
            SessionState fromEvents = rebuilt.get(user);
            SessionState inTable = live.get(user);
            if (Objects.equals(fromEvents, inTable)) {
                continue;
            }
            if (inTable == null) {
                lines.add("- " + user + ": in the event log (" + describe(fromEvents) + ") but not in the live table");
            }
            else if (fromEvents == null) {
                lines.add("+ " + user + ": in the live table (" + describe(inTable) + ") but not in the event log");
            }
            else {
                lines.add("~ " + user + ": event log has " + describe(fromEvents) + ", live table has "
                        + describe(inTable));
            }
        }
        return new TableDiff(List.copyOf(lines));
    }

    public boolean isEmpty() {
        return lines.isEmpty();
    }

    private static String describe(SessionState s) {
        return "session " + s.sessionId() + " on " + s.gatewayId() + (s.acked() ? ", acked" : ", not acked")
                + ", created " + s.createdAt();
    }
}

package io.signaling.audit.replay;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code --since}/{@code --until}: an ISO-8601 instant, or a duration back from now such
 * as {@code 10m}.
 */
public final class TimeArgument {

    private static final Pattern AGO = Pattern.compile("(\\d+)(ms|s|m|h|d)");

    private TimeArgument() {
    }

    public static Instant parse(String text, Clock clock) {
        Matcher ago = AGO.matcher(text.trim());
        if (ago.matches()) {
            long amount = Long.parseLong(ago.group(1));
            Duration back = switch (ago.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            };
            return clock.instant().minus(back);
        }
        try {
            return Instant.parse(text.trim());
        }
        catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + text + "' is neither an ISO-8601 instant "
                    + "(2026-11-26T10:00:00Z) nor a duration back from now (30s, 10m, 2h, 1d)");
        }
    }

}

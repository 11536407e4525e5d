package io.signaling.bench.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code 500ms}, {@code 5s}, {@code 2m}, {@code 1h}, or ISO-8601 ({@code PT5S}); a bare
 * number is seconds.
 */
public final class DurationConverter implements ITypeConverter<Duration> {

    @Override
    public Duration convert(String value) {
        return parse(value);
    }

    public static Duration parse(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        try {
            if (v.startsWith("pt") || v.startsWith("p")) {
                return Duration.parse(value.trim());
            }
            if (v.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
            }
            if (v.endsWith("s")) {
                return millis(v.substring(0, v.length() - 1), 1_000);
            }
            if (v.endsWith("m")) {
                return millis(v.substring(0, v.length() - 1), 60_000);
            }
            if (v.endsWith("h")) {
                return millis(v.substring(0, v.length() - 1), 3_600_000);
            }
            return millis(v, 1_000);
        }
        catch (NumberFormatException | DateTimeParseException e) {
            throw new TypeConversionException("'" + value + "' is not a duration (e.g. 500ms, 5s, 2m)");
        }
    }

    private static Duration millis(String number, long unit) {
        double n = Double.parseDouble(number);
        if (n < 0 || Double.isNaN(n)) {
            throw new NumberFormatException("negative");
        }
        return Duration.ofMillis(Math.round(n * unit));
    }

}

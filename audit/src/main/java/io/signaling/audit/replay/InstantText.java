package io.signaling.audit.replay;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Epoch milliseconds as {@link Instant#toString()} spells them
 * ({@code 2026-01-01T10:00:00Z}, {@code 2026-01-01T10:00:00.500Z}), without a formatter
 * per call: the date and time of day are computed once per second and reused, as a
 * replay's timestamps mostly share their second with the previous entry's. Not
 * thread-safe: one per writer.
 */
final class InstantText {

    /**
     * 0000-01-01T00:00:00Z .. 9999-12-31T23:59:59.999Z: four-digit years, which
     * {@code Instant} writes unsigned.
     */
    private static final long MIN = -62_167_219_200_000L;

    private static final long MAX = 253_402_300_799_999L;

    private long second = Long.MIN_VALUE;

    private final char[] text = new char[24];

    /** Appends the instant at {@code epochMilli} to {@code out}. */
    void append(long epochMilli, StringBuilder out) {
        int length = format(epochMilli);
        if (length < 0) {
            out.append(Instant.ofEpochMilli(epochMilli));
        }
        else {
            out.append(text, 0, length);
        }
    }

    /** Appends {@code at} to {@code out}. */
    void append(Instant at, StringBuilder out) {
        int length = format(at);
        if (length < 0) {
            out.append(at);
        }
        else {
            out.append(text, 0, length);
        }
    }

    /**
     * As {@link #format(long)}, for an instant; -1 too for one finer than a millisecond
     * (a Kafka timestamp never is).
     */
    int format(Instant at) {
        long s = at.getEpochSecond();
        if (at.getNano() % 1_000_000 != 0 || s < MIN / 1000 || s > MAX / 1000) {
            return -1;
        }
        return format(at.toEpochMilli());
    }

    /**
     * Writes the instant into {@link #chars()} and returns its length, or -1 outside
     * four-digit years (then use {@link Instant#toString()}).
     */
    int format(long epochMilli) {
        if (epochMilli < MIN || epochMilli > MAX) {
            return -1;
        }
        long s = Math.floorDiv(epochMilli, 1000L);
        int milli = (int) Math.floorMod(epochMilli, 1000L);
        if (s != second) {
            LocalDateTime t = LocalDateTime.ofEpochSecond(s, 0, ZoneOffset.UTC);
            digits(t.getYear(), 0, 4);
            text[4] = '-';
            digits(t.getMonthValue(), 5, 2);
            text[7] = '-';
            digits(t.getDayOfMonth(), 8, 2);
            text[10] = 'T';
            digits(t.getHour(), 11, 2);
            text[13] = ':';
            digits(t.getMinute(), 14, 2);
            text[16] = ':';
            digits(t.getSecond(), 17, 2);
            second = s;
        }
        if (milli == 0) {
            text[19] = 'Z';
            return 20;
        }
        text[19] = '.';
        digits(milli, 20, 3);
        text[23] = 'Z';
        return 24;
    }

    /** The text {@link #format} wrote last. */
    char[] chars() {
        return text;
    }

    private void digits(int value, int at, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            text[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }

}

package io.signaling.platform.process;

import java.io.PrintStream;

/**
 * The launcher's stdout, shared by every child: one whole line at a time, each child's
 * lines under its own prefix ({@code [kafka]}, {@code [relay]}, {@code [gateway-1]}…), so
 * interleaved output stays readable and greppable.
 */
public final class Console {

    private final PrintStream out;

    public Console(PrintStream out) {
        this.out = out;
    }

    public void line(String prefix, String text) {
        synchronized (out) {
            out.println("[" + prefix + "] " + text);
            out.flush();
        }
    }

    /** A line of the launcher itself, without prefix (the {@code ready} line is one). */
    public void plain(String text) {
        synchronized (out) {
            out.println(text);
            out.flush();
        }
    }

}

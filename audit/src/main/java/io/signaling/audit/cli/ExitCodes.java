package io.signaling.audit.cli;

/** The documented exit codes of {@code bin/signaling audit}. */
public final class ExitCodes {

    /** Done: the replay printed, or the rebuilt table equals the live one. */
    public static final int OK = 0;

    /** {@code rebuild}: the table rebuilt from events differs from the live table. */
    public static final int TABLES_DIFFER = 1;

    /** Bad arguments (picocli's usage error code). */
    public static final int USAGE = 2;

    /** Kafka could not be reached or read. */
    public static final int KAFKA_UNAVAILABLE = 3;

    private ExitCodes() {
    }

}

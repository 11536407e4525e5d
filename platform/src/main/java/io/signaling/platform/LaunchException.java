package io.signaling.platform;

/**
 * Something the user can fix, told in one line: a port in use, Kafka unreachable, a data
 * dir of another cluster, a missing jar. The CLI prints the message alone, without a
 * stack trace, and exits non-zero.
 */
public class LaunchException extends RuntimeException {

    public LaunchException(String message) {
        super(message);
    }

    public LaunchException(String message, Throwable cause) {
        super(message, cause);
    }

}

package io.signaling.relay.topology;

import java.util.ArrayList;
import java.util.List;

/**
 * Exceptions described for a log line without their messages, which may quote a record's
 * content.
 */
final class Causes {

    private Causes() {
    }

    /**
     * The class of the exception and of each cause, outermost first: {@code A <- B <- C}.
     */
    static String classes(Throwable t) {
        List<String> names = new ArrayList<>();
        for (Throwable cause = t; cause != null && names.size() < 10; cause = cause.getCause()) {
            names.add(cause.getClass().getName());
            if (cause.getCause() == cause) {
                break;
            }
        }
        return String.join(" <- ", names);
    }

}

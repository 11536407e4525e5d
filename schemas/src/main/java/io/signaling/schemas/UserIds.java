package io.signaling.schemas;

import java.util.regex.Pattern;

/**
 * The contract's userId rule (signaling-v1 §1): 1 to 64 characters from
 * {@code A-Z a-z 0-9 . _ @ -}.
 */
public final class UserIds {

    public static final int MAX_LENGTH = 64;

    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._@-]{1," + MAX_LENGTH + "}");

    private UserIds() {
    }

    public static boolean isValid(String userId) {
        return userId != null && VALID.matcher(userId).matches();
    }

}

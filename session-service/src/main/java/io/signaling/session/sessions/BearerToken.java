package io.signaling.session.sessions;

/** Reads the listening key out of {@code Authorization: Bearer <key>}. */
public final class BearerToken {

    private static final String SCHEME = "Bearer ";

    private BearerToken() {
    }

    /**
     * The presented key, or null when the header is missing or not a Bearer credential.
     */
    public static String from(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            return null;
        }
        String token = authorization.substring(SCHEME.length()).trim();
        return token.isEmpty() ? null : token;
    }

}
